// The inputs of every case, the same in Node and in the browser.

/** Case 1: a valid package, with the catalog given as `catalogId`. */
export const VALID_PACKAGE = Object.freeze({
  displayName: "sales reps",
  description: "outside sales representatives",
  isHidden: false,
  catalogId: "66584aae-98bb-48cc-9458-7bee5d2a6577",
});

/** Case 2: a blank name, a catalog name in place of its id, and a string that is no boolean. */
export const INVALID_PACKAGE = Object.freeze({
  displayName: "",
  catalogId: "HR",
  isHidden: "Boolean",
});

/** The number of problems that every validator must find in `INVALID_PACKAGE`. */
export const INVALID_PROBLEM_COUNT = 3;

/** The number of requests in one `$batch` body, the most Graph accepts. */
export const BATCH_SIZE = 20;

const CATALOG_IDS = [
  "66584aae-98bb-48cc-9458-7bee5d2a6577",
  "aa2f6514-3232-46e7-a08a-2411ad8d7128",
  "0d8b3d4e-6c2f-4f6a-9a51-3f1f3c1e2b7d",
];

/**
 * Generates a CSV file of `rows` valid packages under the header
 * displayName,description,isHidden,catalogId. Some fields are quoted because they contain
 * a comma, and some of those contain a doubled quote, so that parsers take their slow path.
 */
export function generateCsv(rows) {
  const lines = ["displayName,description,isHidden,catalogId"];
  for (let i = 0; i < rows; i++) {
    const name = i % 50 === 7 ? `"package ${i}, east"` : `package ${i}`;
    let description = `access for team ${i}`;
    if (i % 37 === 3) {
      description = `"sales, marketing and support for team ${i}"`;
    } else if (i % 101 === 5) {
      description = `"the ""north"" team, row ${i}"`;
    }
    const hidden = i % 3 === 0 ? "true" : "false";
    lines.push(`${name},${description},${hidden},${CATALOG_IDS[i % CATALOG_IDS.length]}`);
  }
  return lines.join("\r\n") + "\r\n";
}
