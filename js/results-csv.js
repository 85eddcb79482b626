// The results file of a bulk run, written as RFC 4180 CSV. The page's download and the command
// line's --results file both come from formatResultsCsv.

/** The columns of the results file, in order. Each is a property of a runBulkCreate result. */
export const RESULT_COLUMNS = Object.freeze([
  "row",
  "status",
  "id",
  "code",
  "message",
  "hint",
  "requestId",
  "date",
  "tries",
]);

/**
 * The first characters that make a spreadsheet such as Excel read a cell as a formula, which
 * may run commands or send the sheet's data to another host. Messages, hints and ids come
 * from Graph or from the rows file, so any of them may start with one.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The characters that RFC 4180 allows in a field only when the field is quoted. */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Formats bulk results as CSV text: a header line of RESULT_COLUMNS, then one line per result,
 * each ended by CRLF. The text starts with a byte-order mark, because Excel for Windows reads a
 * CSV file without one in the system's ANSI code page, which garbles non-ASCII names.
 */
export function formatResultsCsv(results) {
  const lines = [RESULT_COLUMNS.join(",")];
  for (const result of results) {
    lines.push(RESULT_COLUMNS.map((column) => formatField(result[column])).join(","));
  }
  return `\ufeff${lines.join("\r\n")}\r\n`;
}

/**
 * Formats one field: empty for undefined or null, and quoted with inner quotes doubled when it
 * contains a comma, a quote, CR or LF. A value that starts like a formula gets a single quote
 * in front and is always quoted, so that a spreadsheet shows it as text. Prefixing "-" loses
 * nothing, because no column of this file contains a negative number: row and tries count from
 * 0, status is a fixed word, and ids, codes, messages, hints and dates are text.
 */
function formatField(value) {
  if (value === undefined || value === null) {
    return "";
  }
  const text = String(value);
  if (FORMULA_START.test(text)) {
    return quote(`'${text}`);
  }
  return NEEDS_QUOTES.test(text) ? quote(text) : text;
}

function quote(text) {
  return `"${text.replaceAll('"', '""')}"`;
}
