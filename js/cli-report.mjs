// The command line's output: problems by row and column, the $batch requests of a dry run and
// the summary of a run. The results file comes from results-csv.js, which the page uses too.

import { TOKEN_VARIABLE } from "./cli-args.mjs";

/** The header value printed in place of the token. */
export const HIDDEN_AUTHORIZATION = "Bearer <token hidden>";

/** How many failed rows the summary lists before it points to the results file. */
const MAX_LISTED_FAILURES = 20;

/** The flag or variable that sets each option, for naming it in problems. */
const OPTION_SOURCES = {
  "options.apiVersion": "--api-version",
  "options.cloud": "--cloud",
  "options.baseUrl": "--base-url",
  "options.accessToken": TOKEN_VARIABLE,
};

/** The statuses in the order the summary lists them, with the words it uses. */
const STATUS_WORDS = [
  ["created", "created"],
  ["exists", "already existed"],
  ["invalid", "invalid"],
  ["failed", "failed"],
  ["not_sent", "not sent"],
];

/** Returns where a problem is: "row 3, catalogId", "row 3", "the file" or the option's flag. */
export function problemPlace(problem) {
  if (problem.row !== undefined) {
    return problem.path === "" ? `row ${problem.row}` : `row ${problem.row}, ${problem.path}`;
  }
  if (problem.path === "") {
    return "the file";
  }
  return OPTION_SOURCES[problem.path] ?? problem.path;
}

/** Returns one line for a problem: its place, severity, code and message. */
export function formatProblem(problem) {
  return `${problemPlace(problem)}: ${problem.severity} ${problem.code}: ${problem.message}`;
}

/** Returns the text of one $batch request of a dry run, with the Authorization value hidden. */
export function formatBatch(batch, index, count) {
  const { request, rows } = batch;
  const lines = [`$batch ${index + 1} of ${count}, rows ${describeRows(rows)}:`];
  lines.push(`${request.method} ${request.url}`);
  for (const [name, value] of Object.entries(request.headers)) {
    const shown = name.toLowerCase() === "authorization" ? HIDDEN_AUTHORIZATION : value;
    lines.push(`${name}: ${shown}`);
  }
  lines.push("");
  lines.push(JSON.stringify(JSON.parse(request.body), null, 2));
  return `${lines.join("\n")}\n`;
}

// Returns "0-19" for consecutive rows and "0, 2, 5" otherwise.
function describeRows(rows) {
  const consecutive = rows.every((row, index) => index === 0 || row === rows[index - 1] + 1);
  if (consecutive && rows.length > 2) {
    return `${rows[0]}-${rows[rows.length - 1]}`;
  }
  return rows.join(", ");
}

/** Returns one sentence that counts results by status, leaving out the statuses none has. */
export function describeResults(results) {
  const counts = new Map(STATUS_WORDS.map(([status]) => [status, 0]));
  for (const result of results) {
    counts.set(result.status, counts.get(result.status) + 1);
  }
  const parts = STATUS_WORDS.filter(([status]) => counts.get(status) > 0).map(
    ([status, words]) => `${counts.get(status)} ${words}`,
  );
  return parts.length === 0 ? "no rows" : parts.join(", ");
}

/** Returns the lines that list the failed and unsent rows, at most MAX_LISTED_FAILURES. */
export function formatFailures(results) {
  const failures = results.filter(
    (result) => result.status === "failed" || result.status === "not_sent",
  );
  const lines = failures.slice(0, MAX_LISTED_FAILURES).map((result) => {
    const code = result.code === undefined ? "" : ` ${result.code}`;
    const hint = result.hint === undefined ? "" : ` (${result.hint})`;
    return `row ${result.row}: ${result.status}${code}: ${result.message ?? ""}${hint}`;
  });
  if (failures.length > MAX_LISTED_FAILURES) {
    lines.push(`and ${failures.length - MAX_LISTED_FAILURES} more rows; see the results file`);
  }
  return lines;
}

/**
 * The shortest token that is hidden in output. A shorter one, such as "t" for the emulator, also
 * occurs in ordinary words, and hiding it would garble every line. NOTE: a guess, well below
 * the hundreds of characters of an Entra access token.
 */
const MIN_REDACTED_LENGTH = 8;

/**
 * Creates a function that replaces the token in a text with "<token hidden>", applied to
 * everything printed or written, in case a message ever quotes it. `token` may start with
 * "Bearer ", which the library removes before sending.
 */
export function createRedactor(token) {
  const secrets = [];
  if (typeof token === "string") {
    const whole = token.trim();
    const bare = whole.replace(/^bearer\s+/i, "");
    for (const secret of new Set([whole, bare])) {
      if (secret.length >= MIN_REDACTED_LENGTH) secrets.push(secret);
    }
  }
  return (text) => secrets.reduce((result, secret) => result.replaceAll(secret, "<token hidden>"), text);
}
