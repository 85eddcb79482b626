// Showing the results of a bulk run and offering them as a CSV file.

import { createScrollingTable } from "./bulk-check.js";
import { formatResultsCsv } from "./bulk-csv.js";
import { createElement } from "./dom.js";

/** The runner's statuses, in the order the summary lists them, with the words it uses. */
const STATUS_WORDS = [
  ["created", "created"],
  ["exists", "already existed"],
  ["invalid", "invalid"],
  ["failed", "failed"],
  ["not_sent", "not sent"],
];

/**
 * Counts the results by status, in the shape of the runner's progress reports, so the final
 * counts come from the results themselves.
 */
export function countResults(results) {
  const counts = { created: 0, exists: 0, invalid: 0, failed: 0, not_sent: 0 };
  for (const result of results) {
    counts[result.status] += 1;
  }
  return {
    done: results.length,
    total: results.length,
    created: counts.created,
    exists: counts.exists,
    invalid: counts.invalid,
    failed: counts.failed,
    notSent: counts.not_sent,
    waiting: 0,
    waitSeconds: 0,
  };
}

/** Returns one sentence that counts the results by status, leaving out statuses none has. */
export function describeResults(results) {
  const counts = new Map(STATUS_WORDS.map(([status]) => [status, 0]));
  for (const result of results) {
    counts.set(result.status, counts.get(result.status) + 1);
  }
  const parts = STATUS_WORDS
    .filter(([status]) => counts.get(status) > 0)
    .map(([status, words]) => `${counts.get(status)} ${words}`);
  return parts.length === 0 ? "No rows." : `${parts.join(", ")}.`;
}

function statusCell(status) {
  return createElement("span", { className: `status status-${status}`, text: status });
}

/** Creates the table of results: row, status, id, code and message. */
export function createResultsTable(results) {
  return createScrollingTable({
    id: "bulk-results-table",
    caption: `Results of ${results.length} rows, counted from 0 as in the check`,
    headers: ["Row", "Status", "ID", "Code", "Message"],
    rows: results.map((result) => [
      String(result.row),
      statusCell(result.status),
      result.id ?? "",
      result.code === undefined ? "" : createElement("code", { text: result.code }),
      result.message ?? "",
    ]),
    noWrapColumns: [0, 1, 2, 3],
  });
}

/**
 * Points `link`, an <a download="results.csv">, at a CSV file of `results`. Returns a function
 * that releases the file's object URL.
 */
export function offerResultsDownload(link, results) {
  const blob = new Blob([formatResultsCsv(results)], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  link.href = url;
  link.hidden = false;
  return () => {
    URL.revokeObjectURL(url);
    link.removeAttribute("href");
    link.hidden = true;
  };
}
