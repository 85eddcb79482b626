// The results file writer from the built package's entry points: RFC 4180 quoting, and cells
// that a spreadsheet would run as formulas, which get a leading single quote and quotes.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";

import * as esm from "../../pkg/node.mjs";

const cjs = createRequire(import.meta.url)("../../pkg/node.cjs");

const HEADER = "row,status,id,code,message,hint,requestId,date,tries";

/** Each value, written as the message of a failed row, and the field expected for it. */
const FORMULA_CASES = [
  ["=1+2", `"'=1+2"`],
  ["+1", `"'+1"`],
  ["-1", `"'-1"`],
  ["@SUM(A1:A2)", `"'@SUM(A1:A2)"`],
  ["\t=1+2", `"'\t=1+2"`],
  ["\r=1+2", `"'\r=1+2"`],
  [
    '=HYPERLINK("http://127.0.0.1/?d="&A1,"open")',
    `"'=HYPERLINK(""http://127.0.0.1/?d=""&A1,""open"")"`,
  ],
  ["=cmd|' /C calc'!A0", `"'=cmd|' /C calc'!A0"`],
  ["-x\r\ny", `"'-x\r\ny"`],
];

const QUOTED_CASES = [
  ['a "quoted" word', `"a ""quoted"" word"`],
  ['"', `""""`],
  ["one, two", `"one, two"`],
  ["line one\r\nline two", `"line one\r\nline two"`],
  ["line one\nline two", `"line one\nline two"`],
  ["line one\rline two", `"line one\rline two"`],
];

// Values that start with no formula character and contain no comma, quote, CR or LF.
const PLAIN_CASES = [
  "sales reps",
  "Sales reps café",
  "66584aae-98bb-48cc-9458-7bee5d2a6577",
  "InvalidAuthenticationToken",
  "a=b+c-d",
  "admin@contoso.com",
  "'already quoted",
  "1e5",
];

/** Returns the one data line that formatResultsCsv writes for `result`. */
function dataLine(library, result) {
  const text = library.formatResultsCsv([result]);
  const prefix = `\ufeff${HEADER}\r\n`;
  assert.ok(text.startsWith(prefix), JSON.stringify(text));
  assert.ok(text.endsWith("\r\n"), JSON.stringify(text));
  return text.slice(prefix.length, -2);
}

for (const [label, library] of [
  ["ESM", esm],
  ["CommonJS", cjs],
]) {
  test(`${label} writes the header and rows`, () => {
    const text = library.formatResultsCsv([
      { row: 0, status: "created", id: "id-0", tries: 1 },
      { row: 1, status: "failed", code: "Conflict", message: "in use", requestId: "r-1", tries: 2 },
    ]);

    const expected = "0,created,id-0,,,,,,1\r\n1,failed,,Conflict,in use,,r-1,,2\r\n";
    assert.equal(text, `\ufeff${HEADER}\r\n${expected}`);
  });

  test(`${label} writes no rows as the header`, () => {
    assert.equal(library.formatResultsCsv([]), `\ufeff${HEADER}\r\n`);
  });

  test(`${label} lists the columns`, () => {
    assert.equal(library.RESULT_COLUMNS.join(","), HEADER);
    assert.ok(Object.isFrozen(library.RESULT_COLUMNS));
  });

  test(`${label} neutralises formula cells`, () => {
    for (const [message, expected] of FORMULA_CASES) {
      const line = dataLine(library, { row: 4, status: "failed", message, tries: 1 });

      assert.equal(line, `4,failed,,,${expected},,,,1`, JSON.stringify(message));
    }
  });

  test(`${label} neutralises every text column`, () => {
    for (const column of ["status", "id", "code", "message", "hint", "requestId", "date"]) {
      const result = { row: 0, status: "failed", tries: 1, [column]: "@SUM(1)" };

      const cells = dataLine(library, result).split(",");

      const index = library.RESULT_COLUMNS.indexOf(column);
      assert.equal(cells[index], `"'@SUM(1)"`, column);
    }
  });

  test(`${label} quotes commas, quotes and line breaks`, () => {
    for (const [hint, expected] of QUOTED_CASES) {
      const line = dataLine(library, { row: 2, status: "failed", hint, tries: 1 });

      assert.equal(line, `2,failed,,,,${expected},,,1`, JSON.stringify(hint));
    }
  });

  test(`${label} keeps plain values unchanged`, () => {
    for (const message of PLAIN_CASES) {
      const line = dataLine(library, { row: 3, status: "failed", message, tries: 1 });

      assert.equal(line, `3,failed,,,${message},,,,1`, JSON.stringify(message));
    }
  });

  test(`${label} writes missing values as empty`, () => {
    const line = dataLine(library, { row: 0, status: "not_sent", id: null, message: "", tries: 0 });

    assert.equal(line, "0,not_sent,,,,,,,0");
  });

  test(`${label} keeps an HTTP date quoted`, () => {
    const date = "Tue, 04 Mar 2025 10:00:00 GMT";

    const line = dataLine(library, { row: 0, status: "created", id: "id-0", date, tries: 1 });

    assert.equal(line, `0,created,id-0,,,,,"${date}",1`);
  });
}
