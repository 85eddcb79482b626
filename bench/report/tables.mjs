// The result tables: cases 1 to 3 per place, case 4, file sizes and cold loads.
import { bytes, duration, mebibytes, milliseconds, ratio, table } from "./format.mjs";

/** Adds to each row its ratio to the fastest peer row of the same case. */
export function withPeerRatios(rows) {
  const best = new Map();
  for (const row of rows) {
    if (row.kind === "peer" && row.medianUs !== null) {
      best.set(row.case, Math.min(best.get(row.case) ?? Infinity, row.medianUs));
    }
  }
  return rows.map((row) => ({
    ...row,
    bestPeerUs: best.get(row.case),
    peerRatio: row.medianUs === null ? null : row.medianUs / best.get(row.case),
  }));
}

/** Returns the median of the row that `implementation` names in `caseName`, or null. */
export function findMedian(rows, caseName, implementation) {
  const found = rows.find((row) => row.case === caseName && row.implementation === implementation);
  return found?.medianUs ?? null;
}

export function casesTable(rows) {
  const lines = rows.map((row) => [
    row.case,
    row.implementation,
    duration(row.medianUs),
    row.medianUs === null ? "–" : `${duration(row.minUs)} – ${duration(row.maxUs)}`,
    ratio(row.peerRatio),
    row.note ?? "",
  ]);
  return table(
    ["case", "implementation", "median per call", "min – max of samples", "× best peer", "note"],
    lines,
    ["l", "l", "r", "r", "r", "l"],
  );
}

/** Returns the library's case 4 ratio, large over small, or null without the export. */
export function linearityRatio([small, large]) {
  return small.library && large.library ? large.library.medianUs / small.library.medianUs : null;
}

function linearityRow(place, [small, large]) {
  return [
    place,
    duration(small.library?.medianUs),
    duration(large.library?.medianUs),
    ratio(linearityRatio([small, large])),
    `${mebibytes(small.memoryBytes)} / ${mebibytes(large.memoryBytes)}`,
    duration(small.ajvPipeline.medianUs),
    duration(large.ajvPipeline.medianUs),
    ratio(large.ajvPipeline.medianUs / small.ajvPipeline.medianUs),
  ];
}

export function linearityTable(places) {
  const [smallRows, largeRows] = [places[0].linearity[0].rows, places[0].linearity[1].rows];
  const small = smallRows.toLocaleString("en-US");
  const large = largeRows.toLocaleString("en-US");
  return table(
    [
      "where",
      `library, ${small} rows`,
      `library, ${large} rows`,
      "library ratio",
      `wasm memory after ${small} / ${large}`,
      `papaparse + Ajv, ${small}`,
      `papaparse + Ajv, ${large}`,
      "papaparse + Ajv ratio",
    ],
    places.map(({ name, linearity }) => linearityRow(name, linearity)),
    ["l", "r", "r", "r", "r", "r", "r", "r"],
  );
}

export function sizesTable(sizes) {
  const rows = sizes.map(({ file, raw, gzip }) => [`\`${file}\``, bytes(raw), bytes(gzip)]);
  const scripts = sizes.filter(({ file }) => file.endsWith(".js"));
  const sum = (key) => scripts.reduce((total, size) => total + size[key], 0);
  rows.push(["all the JS files above, each gzipped alone", bytes(sum("raw")), bytes(sum("gzip"))]);
  return table(["file", "raw bytes", "gzip -9 bytes"], rows, ["l", "r", "r"]);
}

export function coldLoadTable(node, chromium) {
  const nodeRequire = `\`require("pkg/node.cjs")\` in a fresh process, timed inside it`;
  const chromiumInit = "`await init()`";
  const rows = [
    ["Node", `${nodeRequire} (${node.processes} processes)`, node.requireMs],
    ["Node", "the fastest and the slowest of them", [node.minRequireMs, node.maxRequireMs]],
    ["Node", "of which `new WebAssembly.Module` (compile)", node.compileMs],
    ["Node", "of which `new WebAssembly.Instance` (instantiate)", node.instantiateMs],
    ["Chromium", `${chromiumInit}, ${chromium.counted} fresh contexts`, chromium.initMs],
    ["Chromium", "the fastest and the slowest of them", [chromium.minInitMs, chromium.maxInitMs]],
    ["Chromium", "from navigation start to the end of `init()`", chromium.sinceNavigationMs],
  ];
  return table(
    ["where", "what is timed", "median, or range"],
    rows.map(([place, what, ms]) => [place, what, [ms].flat().map(milliseconds).join(" – ")]),
    ["l", "l", "r"],
  );
}

