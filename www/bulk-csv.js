// The results file of a bulk run, written as RFC 4180 CSV.

/** The columns of the results file, in order. Each is a property of a BulkResult. */
export const RESULT_COLUMNS = [
  "row",
  "status",
  "id",
  "code",
  "message",
  "hint",
  "requestId",
  "date",
  "tries",
];

/**
 * Returns a CSV field for `value`: empty for undefined or null, and quoted with inner quotes
 * doubled when it contains a comma, a quote, CR or LF.
 */
export function formatCsvField(value) {
  if (value === undefined || value === null) {
    return "";
  }
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Returns the results as CSV text: a header line of RESULT_COLUMNS, then one line per result,
 * each ended by CRLF. The text starts with a byte-order mark, because Excel for Windows reads a
 * CSV file without one in the system's ANSI code page, which garbles non-ASCII names.
 */
export function formatResultsCsv(results) {
  const lines = [RESULT_COLUMNS.join(",")];
  for (const result of results) {
    lines.push(RESULT_COLUMNS.map((column) => formatCsvField(result[column])).join(","));
  }
  return `\ufeff${lines.join("\r\n")}\r\n`;
}
