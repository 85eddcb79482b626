// The text of docs/benchmarks.md, around the tables of one run.
import { BULK_SETTINGS, CALL_SETTINGS } from "../lib/harness.mjs";
import { BULK_ROWS, LINEARITY_ROWS, LINEARITY_SETTINGS } from "../lib/bulk.mjs";
import { BATCH_SIZE } from "../lib/inputs.mjs";
import { bulkCreateGoalLines, bulkCreateSection } from "./bulk-create.mjs";
import { ratio, significant } from "./format.mjs";
import { goalLines } from "./goals.mjs";
import { loadGoalLines, loadSection } from "./load.mjs";
import { triedLines } from "./tried.mjs";
import {
  casesTable,
  coldLoadTable,
  findMedian,
  linearityTable,
  sizesTable,
} from "./tables.mjs";

const BUILD_CASE = "1. valid package, build body";
const [SMALL_ROWS, LARGE_ROWS] = LINEARITY_ROWS.map((rows) => rows.toLocaleString("en-US"));
const ROUND_TRIP_FLOOR = "floor: JSON.stringify + encode + decode";

function versions(packages) {
  return Object.entries(packages)
    .map(([name, version]) => `${name} ${version}`)
    .join(", ");
}

/** Formats a count with its noun: "1 untimed call", "5 untimed calls". */
function count(number, noun) {
  return `${number} ${noun}${number === 1 ? "" : "s"}`;
}

function loads(values) {
  return values.map((value) => value.toFixed(2)).join(", ");
}

function runSection(run) {
  const { machine, endLoadAverage } = run;
  const lines = [
    "## The run",
    "",
    `- Date: ${run.date}, taking ${significant(run.seconds)} s.`,
    "- Command: `npm run bench`, which runs `node bench/run.mjs` on the pkg/ that " +
      "`bash scripts/build.sh` built.",
    `- Machine: ${machine.cores} cores (\`nproc\`), ${machine.cpu}, ` +
      `${significant(machine.memoryGiB)} GiB of memory, ${machine.platform}.`,
    `- Load averages (1, 5, 15 minutes) at the start: ${loads(machine.loadAverage)}; ` +
      `at the end: ${loads(endLoadAverage)}. Other work on the machine slows every figure.`,
    `- Node ${run.nodeVersion}; Chromium ${run.chromiumVersion}, headless, driven by ` +
      `playwright-core ${run.tools["playwright-core"]}.`,
    `- Peers: ${versions(run.peers)}, bundled for Chromium by esbuild ${run.tools.esbuild}.`,
    `- The SHA-256 of pkg/'s files starts with \`${run.packageHash.slice(0, 16)}\`.`,
  ];
  if (run.packageChanged) {
    lines.push(
      "- **pkg/ was rebuilt during the run**, so some figures may come from another build.",
    );
  }
  return lines.join("\n");
}

function methodSection() {
  const call = CALL_SETTINGS;
  const bulk = BULK_SETTINGS;
  const { small, large } = LINEARITY_SETTINGS;
  return [
    "## Method",
    "",
    `- Cases 1 and 2: ${call.warmupMs} ms of warm-up, then ${call.samples} samples of about ` +
      `${call.sampleMs} ms each. The figure is the median of the samples' time per call.`,
    `- Case 3: ${count(bulk.warmups, "untimed call")}, then ${bulk.samples} samples of one ` +
      "call each.",
    `- Case 4: ${count(small.warmups, "untimed call")} and ${small.samples} samples at ` +
      `${SMALL_ROWS} rows, ${count(large.warmups, "untimed call")} and ${large.samples} ` +
      `samples at ${LARGE_ROWS} rows.`,
    "- × best peer divides a median by the fastest of Ajv, zod and valibot on the same case " +
      "in the same process: one Node child process for cases 1 to 3, one Chromium page for " +
      "them. Each size of case 4 runs in a fresh Node process and a fresh browser context.",
    "- The library is called with empty options, so it builds v1.0 requests.",
    "- buildCreateAccessPackageRequest returns the whole request: URL, headers with a fresh " +
      "`client-request-id` from `crypto.randomUUID()`, and the body text. The peers return " +
      "the body text only.",
    "- The package has no wasm export that only takes a string and returns it, so the " +
      "string floor is `JSON.stringify(input)`, `TextEncoder.encode` and " +
      "`TextDecoder.decode` of it, in JavaScript, without entering wasm.",
    `- Case 3 reads a generated CSV file of ${BULK_ROWS.toLocaleString("en-US")} valid rows ` +
      `into \`$batch\` bodies of ${BATCH_SIZE}: the library in one ` +
      "`buildBatchRequestsFromText(text, { format: \"csv\" }, {})` call, each peer as " +
      "papaparse, the validator on each row and `JSON.stringify` of each batch body. The " +
      "library's result also holds a request per batch and the rows' problems.",
    "- The Node cold load is timed with `performance.now()` around `require()` inside a " +
      "fresh process. Wrappers around `WebAssembly.Module` and `WebAssembly.Instance` time " +
      "the compile and instantiate steps within it. In Chromium, a module script in a fresh " +
      "browser context times `await init()`, which fetches, compiles and instantiates.",
    "- Chromium's timer runs at its fine resolution, since the server makes the page " +
      "cross-origin isolated. Every response is sent with `Cache-Control: no-store`.",
  ].join("\n");
}

function floorLine(rows) {
  const library = findMedian(rows, BUILD_CASE, "buildCreateAccessPackageRequest");
  const floor = findMedian(rows, BUILD_CASE, ROUND_TRIP_FLOOR);
  return (
    `buildCreateAccessPackageRequest takes ${ratio(library / floor)} the time of the ` +
    "string floor (JSON.stringify + encode + decode)."
  );
}

function peerNotes() {
  return [
    "## How closely the peers follow the rules",
    "",
    "Each peer checks what a schema can say about the rules in [rules.md](rules.md): " +
      "displayName a string with a character other than white space and no control " +
      "character, description a string with no control character other than tab, LF and " +
      "CR, isHidden a boolean, catalogId or catalog.id a GUID of 8-4-4-4-12 hex digits " +
      "other than the nil GUID, one of them given, and no other property. Ajv uses " +
      "ajv-formats' `uuid` format with `maxLength: 36`, zod `z.guid()` and valibot " +
      "`v.uuid()`. All three collect every problem (Ajv with `allErrors`).",
    "",
    "What the library does beyond them: warnings (a name trimmed or over 256 UTF-16 code " +
      "units, the string \"true\" taken as a boolean, a null left out), separate codes for " +
      "braces, a `urn:uuid:` prefix or a catalog's name in place of its id, a suggestion " +
      "for a misspelt property, server-set properties left out, and a check that two " +
      "spellings of the catalog agree. Its messages are its own sentences, where the " +
      "peers return their default issue objects.",
  ].join("\n");
}

/** Returns the whole Markdown page for one run. */
export function renderDocument(run) {
  const places = [
    { name: "Node", linearity: run.node.linearity },
    { name: "Chromium", linearity: run.chromium.linearity },
  ];
  return [
    "# Benchmarks",
    "",
    "How fast graph-access-package validates access packages and builds Microsoft Graph " +
      "requests, next to Ajv, zod and valibot doing the same checks, in Node and in " +
      "headless Chromium. `npm run bench` wrote this page, and every figure on it comes " +
      "from the one run described below.",
    "",
    runSection(run),
    "",
    methodSection(),
    "",
    "## Cases 1 to 3 in Node",
    "",
    casesTable(run.node.rows),
    "",
    floorLine(run.node.rows),
    "",
    "## Cases 1 to 3 in Chromium",
    "",
    casesTable(run.chromium.rows),
    "",
    floorLine(run.chromium.rows),
    "",
    `## Case 4: ${SMALL_ROWS} against ${LARGE_ROWS} rows`,
    "",
    linearityTable(places),
    "",
    `The ratio is the median at ${LARGE_ROWS} rows over the median at ${SMALL_ROWS}, so a ` +
      `linear cost gives ${LINEARITY_ROWS[1] / LINEARITY_ROWS[0]}×. ` +
      "The memory is the byte length of the wasm instance's memory after the timed calls. " +
      "A wasm memory never shrinks, so it is the largest the run needed. Node's glue keeps " +
      "its instance private, so the benchmark wraps `WebAssembly.Instance` to catch it. " +
      "In Chromium the glue's own init function returns the instance's exports.",
    "",
    "## Sizes",
    "",
    sizesTable(run.sizes),
    "",
    "## Cold load",
    "",
    coldLoadTable(run.node.coldLoad, run.chromium.coldLoad),
    "",
    bulkCreateSection(run.bulkCreate),
    "",
    loadSection(run.load),
    "",
    "## Goals",
    "",
    ...goalLines(run),
    ...bulkCreateGoalLines(run.bulkCreate),
    ...loadGoalLines(run.load),
    "",
    ...triedLines(run),
    "",
    peerNotes(),
    "",
  ].join("\n");
}
