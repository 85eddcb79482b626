// The rows of a file on their way to runBulkCreate: the default catalog, rows that were read
// wrongly, and every problem in row order. Row numbers are the library's, counted from 0.

function isPlainObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isError(problem) {
  return problem.severity === "error";
}

/**
 * Prepares the rows of `parsed`, a parseAccessPackageRows result. A row with neither `catalogId`
 * nor `catalog` gets `defaultCatalogId` when one is given. A row with a parse error, such as a
 * CSV record with more cells than the header, may have values in the wrong fields. It becomes
 * `null` in `inputs`, so the library reports it and never sends it, while the other rows keep
 * their numbers. Returns `{ rows, inputs, blockedRows }`, where `blockedRows` maps each such
 * row to its parse errors.
 */
export function prepareRows(parsed, defaultCatalogId) {
  const blockedRows = new Map();
  for (const problem of parsed.problems) {
    if (problem.row !== undefined && isError(problem)) {
      const list = blockedRows.get(problem.row) ?? [];
      list.push(problem);
      blockedRows.set(problem.row, list);
    }
  }
  const rows = parsed.rows.map((row) => {
    const needsCatalog = isPlainObject(row) && !("catalogId" in row) && !("catalog" in row);
    return defaultCatalogId !== undefined && needsCatalog
      ? { ...row, catalogId: defaultCatalogId }
      : row;
  });
  const inputs = rows.map((row, index) => (blockedRows.has(index) ? null : row));
  return { rows, inputs, blockedRows };
}

/**
 * Collects the problems to print before sending: those of the whole file, then those of each
 * row in row order. `built` is buildBatchRequests's result for `prepared.inputs`. The library's
 * "not an object" problem of a blocked row is replaced by the row's parse errors and the
 * problems of its fields as read.
 */
export function collectProblems(library, parsed, prepared, built, options) {
  const fileProblems = parsed.problems.filter((problem) => problem.row === undefined);
  const byRow = new Map();
  const add = (problem) => {
    const list = byRow.get(problem.row) ?? [];
    list.push(problem);
    byRow.set(problem.row, list);
  };

  for (const problem of parsed.problems) {
    if (problem.row !== undefined) add(problem);
  }
  for (const problem of built.problems) {
    if (problem.row !== undefined && !prepared.blockedRows.has(problem.row)) add(problem);
  }
  for (const row of prepared.blockedRows.keys()) {
    const validation = library.validateAccessPackage(prepared.rows[row], options);
    for (const problem of validation.problems) {
      if (!problem.path.startsWith("options.")) add({ ...problem, row });
    }
  }

  const rowNumbers = [...byRow.keys()].sort((a, b) => a - b);
  const rowProblems = rowNumbers.flatMap((row) => byRow.get(row));
  const errorRows = rowNumbers.filter((row) => byRow.get(row).some(isError));
  return { fileProblems, rowProblems, errorRows };
}

/**
 * Puts the parse errors of blocked rows into their results, in place of the library's report
 * that the row was not an object.
 */
export function explainBlockedRows(results, blockedRows) {
  for (const [row, problems] of blockedRows) {
    const result = results[row];
    if (result?.status !== "invalid") continue;
    result.error = problems;
    result.code = problems[0].code;
    result.message = problems[0].message;
  }
  return results;
}
