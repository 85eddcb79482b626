// The attempts against the speed and size goals with the effect each measured, and for the
// goals still not met, the limit in this run's figures. The attempts' figures were measured
// before and after each change on the same 2-core machine under load, so they compare the two
// and are not this run's.
import { duration, milliseconds, ratio, significant } from "./format.mjs";
import { findMedian, linearityRatio } from "./tables.mjs";

const VALID_CASE = "1. valid package, validate";
const BUILD_CASE = "1. valid package, build body";
const STRING_FLOOR = "floor: JSON.stringify + encode + decode";

/** The attempts, in the order they were made. */
const ATTEMPTS = [
  "CSV read by bytes, copying the text between separators, quotes and line breaks as " +
    "slices, and rows that take the cells' strings instead of copying them: `parse_rows` on " +
    "case 3's 10,000 rows went from 7.2 ms to 4.3 ms (native release build, best of 15). Kept.",
  "Validation without a SipHash set for objects of up to 16 keys and without a path string " +
    "per property, and duplicate names lowercased without the Unicode tables when ASCII: " +
    "`build_batches` on the same rows went from 11.8 ms to 10.0 ms (native, best of 15). Kept.",
  "Each batch item's method, URL and headers written once per batch, one hash per row in the " +
    "duplicate check instead of two, and a table lookup per byte in the JSON string writer: " +
    "`build_batches` went from 10.0 ms to 8.2 ms (native, best of 15). Kept.",
  "`buildBatchRequestsFromText` returning one string, the result's JSON and then one line per " +
    "batch body, in place of 500 objects through serde-wasm-bindgen: 43.3 ms against 45.7 ms " +
    "in Node, within the noise. Kept, because the text now goes in as `TextEncoder` bytes, " +
    "which skips the string glue's loop over every character (7.5% of a profile of case 3).",
  "With the changes above, case 3 in Node went from 54.7 ms to 34.8 ms (medians of 21 " +
    "rounds in one process, before and after side by side), where papaparse + Ajv took " +
    "36.6 ms in the same rounds.",
  "`validateAccessPackage` getting an empty string for a valid input without problems, so " +
    "that JavaScript builds the result without `JSON.parse`, and options that set nothing " +
    "the library reads sent as null without `JSON.stringify`: with the changes above, case " +
    "1 went from 6.6 µs to 4.4 µs in the same rounds. Kept.",
  'opt-level "s" for every dependency, 3 for this crate: the gzipped wasm went from 128,300 ' +
    "to 119,444 bytes, and cases 1 and 3 measured no slower. Kept. \"z\" for the " +
    'dependencies gave 120,812 bytes. "s" for this crate as well gave 114,081 bytes but made ' +
    "validate 15%, build 35% and case 3 33% slower, so it was not kept.",
  "`wasm-opt -Oz --converge`: 119,340 bytes against 119,444. `#[inline(never)]` on " +
    "`Value::describe`, `quote` and `json_string`: 119,383 bytes. Neither was kept.",
];

/** The module's bytes by crate and section, measured on a build with a name section. */
const SIZE_BY_CRATE =
  "Of the module's 280 KB, the code is 233 KB and the data 42 KB. By crate: this crate " +
  "about 101 KB of code and 20 KB of export shims, serde_json 36 KB, Rust's core and alloc " +
  "about 30 KB (float formatting, Unicode case tables, the IPv6 parser for base URLs), " +
  "dlmalloc 7 KB, hashbrown and indexmap 5 KB. serde_json, core, alloc and the data come " +
  "to about 108 KB before gzip, an estimated 46 KB gzipped at the module's ratio of 0.43, " +
  "so the goal needs a module without serde_json and with less text in its messages and " +
  "tables, which is a rewrite rather than a setting.";

/** Returns the "What was tried" part of the goals section. */
export function triedLines(run) {
  return [
    "### What was tried",
    "",
    ...ATTEMPTS.map((attempt) => `- ${attempt}`),
    "",
    "What limits the goals still not met:",
    "",
    ...limitLines(run),
  ];
}

function limitLines({ node, chromium }) {
  return [
    `- One call. ${floorLimit("Node", node.rows)} ${floorLimit("Chromium", chromium.rows)} ` +
      "A profile of case 1 in Node put about 57% of the time in JavaScript (the wrapper, the " +
      "check that JSON.stringify is faithful, JSON.stringify and the string glue), 35% in " +
      "wasm (parsing the JSON into a value, validating, the allocator) and 4% in garbage " +
      "collection.",
    `- Size. ${SIZE_BY_CRATE}`,
    `- Instantiation. Compiling the module took ${milliseconds(node.coldLoad.compileMs)} ` +
      "of the require in Node, and compiling time grows with the module's size.",
    "- Bulk. After the changes above, case 3 sits within the run-to-run noise of the best " +
      "peer: two full runs 20 minutes apart on 2026-12-04, with the same pkg/, gave 0.82× and " +
      "1.28× in Node and 1.6× and 1.07× in Chromium, and one run's samples spread by ±30% " +
      "around the median. Case 3 was profiled in Node only.",
    `- 1,000 against 100,000 rows. ${linearityLimit("Node", node.linearity)} ` +
      `${linearityLimit("Chromium", chromium.linearity)} The work per row is the same at ` +
      "both sizes, so the growth is likely the cost of holding 100,000 rows at once: the " +
      "result's JavaScript strings, garbage collection and cache misses. That explanation " +
      "is not measured. The speed work above made the 1,000-row case faster in proportion " +
      "than the 100,000-row case (4.97 ms to 2.02 ms and 427 ms to 264 ms in Node, in runs " +
      "under different load), so the ratio grew while both got faster.",
  ];
}

/** Compares the library's growth from 1,000 to 100,000 rows with papaparse + Ajv's. */
function linearityLimit(place, linearity) {
  const [small, large] = linearity;
  const library = linearityRatio(linearity);
  const peer =
    small.ajvPipeline?.medianUs && large.ajvPipeline?.medianUs
      ? large.ajvPipeline.medianUs / small.ajvPipeline.medianUs
      : null;
  if (library === null || peer === null) return `In ${place}, case 4 was not measured.`;
  return `In ${place} the library grew ${ratio(library)} and papaparse + Ajv ${ratio(peer)}.`;
}

/** Describes the string floor against Ajv and the library against the floor in `place`. */
function floorLimit(place, rows) {
  const floor = findMedian(rows, BUILD_CASE, STRING_FLOOR);
  const ajv = findMedian(rows, VALID_CASE, "Ajv");
  const library = findMedian(rows, VALID_CASE, "validateAccessPackage");
  if (floor === null || ajv === null || library === null) {
    return `In ${place}, case 1 was not measured.`;
  }
  return (
    `In ${place}, the string floor alone took ${duration(floor)}, ${ratio(floor / ajv)} Ajv, ` +
    `and validateAccessPackage ${ratio(library / floor)} the floor ` +
    `(${significant(library - floor)} µs above it).`
  );
}
