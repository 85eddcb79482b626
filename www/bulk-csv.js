// The page writes the results file with the package's writer, so that the page and the command
// line write the same file and neutralise the same formula cells.
export { RESULT_COLUMNS, formatResultsCsv } from "/pkg/results-csv.js";
