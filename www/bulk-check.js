// Showing the check before a bulk send: the counts, every problem by row and column, and the
// first rows as the page read them, so a wrongly decoded file shows before anything is sent.

import { createElement } from "./dom.js";

/** How many rows the preview of the file shows. */
const PREVIEW_ROW_COUNT = 5;

/** The fields that the preview shows, with the path of a nested field as `catalog.id`. */
const PREVIEW_FIELDS = ["displayName", "description", "catalogId", "catalog.id", "isHidden", "isRoleScopesVisible"];

const SEVERITY_LABELS = { error: "Error", warning: "Warning" };

function plural(count, singular, pluralForm = `${singular}s`) {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * Creates a table inside a focusable, scrolling region labelled by its caption, so a long
 * table can be scrolled by keyboard. `rows` is an array of arrays of cell texts or nodes, and
 * the cells of the `noWrapColumns` indexes do not wrap.
 */
export function createScrollingTable({ id, caption, headers, rows, rowClass = () => "", noWrapColumns = [] }) {
  const captionId = `${id}-caption`;
  const head = createElement("thead", {}, [
    createElement("tr", {}, headers.map((text) => createElement("th", { text, attributes: { scope: "col" } }))),
  ]);
  const body = document.createElement("tbody");
  rows.forEach((cells, index) => {
    const className = rowClass(index);
    const cellElements = cells.map((cell, column) => createElement("td", {
      className: noWrapColumns.includes(column) ? "nowrap" : "",
    }, [cell]));
    body.append(createElement("tr", { className }, cellElements));
  });
  const table = createElement("table", { className: "bulk-table", attributes: { id } }, [
    createElement("caption", { text: caption, attributes: { id: captionId } }),
    head,
    body,
  ]);
  return createElement("div", {
    className: "table-scroll",
    attributes: { role: "region", "aria-labelledby": captionId, tabindex: "0" },
  }, [table]);
}

function rowText(problem) {
  return problem.row === undefined ? "—" : String(problem.row);
}

function columnText(problem) {
  if (problem.path !== "") {
    return problem.path;
  }
  return problem.row === undefined ? "(whole file)" : "(whole row)";
}

function severityCell(problem) {
  const severity = problem.severity === "warning" ? "warning" : "error";
  return createElement("span", { className: `severity severity-${severity}`, text: SEVERITY_LABELS[severity] });
}

/** Creates the table of every problem, or a line saying there are none. */
export function createProblemTable(problems) {
  if (problems.length === 0) {
    return createElement("p", { className: "bulk-no-problems", text: "No problems found." });
  }
  return createScrollingTable({
    id: "bulk-problem-table",
    caption: `${plural(problems.length, "problem")} by row and column. Row 0 is the first record `
      + "after the CSV header, or the first item of the JSON array.",
    headers: ["Row", "Column", "Severity", "Code", "Message"],
    rows: problems.map((problem) => [
      rowText(problem),
      columnText(problem),
      severityCell(problem),
      createElement("code", { text: problem.code }),
      problem.message,
    ]),
    rowClass: (index) => (problems[index].severity === "warning" ? "row-warning" : "row-error"),
    noWrapColumns: [0, 1, 2, 3],
  });
}

function readPath(row, path) {
  const [first, second] = path.split(".");
  const value = row?.[first];
  return second === undefined ? value : value?.[second];
}

function previewCell(value) {
  if (value === undefined) {
    return "";
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Creates a table of the first rows as read, with the known fields that any of them has. */
export function createRowPreview(rows) {
  const previewRows = rows.slice(0, PREVIEW_ROW_COUNT);
  const fields = PREVIEW_FIELDS.filter((path) => previewRows.some((row) => readPath(row, path) !== undefined));
  if (previewRows.length === 0 || fields.length === 0) {
    return createElement("p", { className: "hint", text: "The file has no rows with known fields to preview." });
  }
  const caption = previewRows.length === rows.length
    ? `Every row as read (${plural(rows.length, "row")})`
    : `The first ${previewRows.length} of ${rows.length} rows as read`;
  return createScrollingTable({
    id: "bulk-row-preview",
    caption,
    headers: ["Row", ...fields],
    rows: previewRows.map((row, index) => [String(index), ...fields.map((path) => previewCell(readPath(row, path)))]),
  });
}

/** Creates the counts of the check: rows, valid rows, rows with errors, and batches. */
export function createCheckCounts(check) {
  const counts = [
    ["Rows", check.rowCount],
    ["Valid", check.validCount],
    ["With errors", check.errorRowCount],
    ["Batches", check.batchCount],
  ];
  // A <div> may group each name with its value inside a <dl>.
  return createElement("dl", { className: "bulk-counts" }, counts.map(([name, count]) => createElement("div", {}, [
    createElement("dt", { text: name }),
    createElement("dd", { text: String(count) }),
  ])));
}

/** Returns a sentence on what Send will do with the checked rows, or why it cannot. */
export function describeSendPlan(check) {
  if (check.fileErrors.length > 0) {
    return "Fix the problems of the whole file before sending: the rows may have been read wrongly.";
  }
  if (check.optionProblems.some((problem) => problem.severity === "error")) {
    return "Fix the connection settings on the Single create tab before sending.";
  }
  if (check.batchCount === 0) {
    return "No row can be sent: every row has an error.";
  }
  const skipped = check.errorRowCount === 0 ? "" : ` The ${plural(check.errorRowCount, "row")} with errors will not be sent.`;
  return `Send creates ${plural(check.validCount, "valid row")} in ${plural(check.batchCount, "$batch request")} `
    + `of up to 20 each.${skipped}`;
}
