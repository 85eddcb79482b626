// `npm run bench`: times the package against its peers in Node and in headless Chromium, runs
// runBulkCreate against the throttled emulator and the emulator's load test, prints the tables
// and writes docs/benchmarks.md. It builds nothing: pkg/ must exist. `--help` lists the flags.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { runBrowser } from "./browser/runner.mjs";
import { runBulkCreateScenarios } from "./bulk-create/index.mjs";
import { parseArguments, UsageError, USAGE } from "./lib/arguments.mjs";
import { LINEARITY_ROWS } from "./lib/bulk.mjs";
import {
  describeMachine,
  fileSizes,
  packageVersions,
  PEER_PACKAGES,
  TOOL_PACKAGES,
} from "./lib/environment.mjs";
import { runLoadTest } from "./load/index.mjs";
import { runNodeCases, runNodeColdLoads, runNodeLinearity } from "./node/runner.mjs";
import { bulkCreateGoalLines, bulkCreateSection } from "./report/bulk-create.mjs";
import { renderDocument } from "./report/document.mjs";
import { loadGoalLines, loadSection } from "./report/load.mjs";
import { withPeerRatios } from "./report/tables.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const REQUIRED_FILES = [
  "pkg/node.mjs",
  "pkg/node.cjs",
  "pkg/browser.js",
  "pkg/web/graph_access_package.js",
  "pkg/web/graph_access_package_bg.wasm",
  "pkg/node/graph_access_package_bg.wasm",
];

/** The wasm module and its glue, which the goals are about, then the rest of the browser's JS. */
const SIZED_FILES = [
  "pkg/web/graph_access_package_bg.wasm",
  "pkg/web/graph_access_package.js",
  "pkg/browser.js",
  "pkg/api.js",
  "pkg/bulk.js",
];

function checkPackageBuilt() {
  const missing = REQUIRED_FILES.filter((file) => !existsSync(path.join(root, file)));
  if (missing.length > 0) {
    console.error(`pkg/ is not built: ${missing.join(", ")} not found.`);
    console.error("Run `bash scripts/build.sh` first, then `npm run bench` again.");
    process.exit(1);
  }
}

/** Hashes every file in pkg/, to tell whether it was rebuilt while the run went on. */
function packageHash() {
  const hash = createHash("sha256");
  const files = readdirSync(path.join(root, "pkg"), { recursive: true }).sort();
  for (const file of files) {
    const full = path.join(root, "pkg", file);
    if (statSync(full).isFile()) {
      hash.update(file).update(readFileSync(full));
    }
  }
  return hash.digest("hex");
}

function step(message) {
  console.error(`==> ${message}`);
}

// Runs cases 1 to 4, the cold loads and the sizes: the page's sections before bulk create.
async function runValidation() {
  step("Node: cases 1 to 3");
  const nodeRows = withPeerRatios(runNodeCases());
  step("Node: cold loads");
  const nodeColdLoad = runNodeColdLoads();
  step(`Node: case 4 at ${LINEARITY_ROWS.join(" and ")} rows`);
  const nodeLinearity = runNodeLinearity(LINEARITY_ROWS);
  step("Chromium: cases 1 to 4 and cold loads");
  const browser = await runBrowser(LINEARITY_ROWS);

  return {
    chromiumVersion: browser.version,
    peers: packageVersions(root, PEER_PACKAGES),
    tools: packageVersions(root, TOOL_PACKAGES),
    sizes: SIZED_FILES.filter((file) => existsSync(path.join(root, file))).map((file) => ({
      file,
      ...fileSizes(path.join(root, file)),
    })),
    node: { rows: nodeRows, coldLoad: nodeColdLoad, linearity: nodeLinearity },
    chromium: {
      rows: withPeerRatios(browser.rows),
      coldLoad: browser.coldLoads,
      linearity: browser.linearity,
    },
  };
}

function readArguments() {
  try {
    return parseArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`bench: ${error.message}`);
    process.exit(2);
  }
}

// Prints the sections of the parts that ran, when --only left the page as it is.
function printParts(run) {
  const sections = [];
  if (run.bulkCreate) {
    sections.push(bulkCreateSection(run.bulkCreate), "", ...bulkCreateGoalLines(run.bulkCreate));
  }
  if (run.load) {
    sections.push("", loadSection(run.load), "", ...loadGoalLines(run.load));
  }
  if (sections.length > 0) console.log(sections.join("\n"));
  step("docs/benchmarks.md was not written, since --only ran part of the benchmark");
}

async function main() {
  const options = readArguments();
  if (options.help) {
    console.log(USAGE);
    return;
  }
  checkPackageBuilt();
  const started = performance.now();
  const machine = describeMachine();
  const hashAtStart = packageHash();
  const parts = new Set(options.parts);

  const validation = parts.has("validation") ? await runValidation() : {};
  let bulkCreate;
  if (parts.has("bulk-create")) {
    bulkCreate = await runBulkCreateScenarios((scenario) =>
      step(`Bulk create: ${scenario.rows} rows, scenario "${scenario.name}"`),
    );
  }
  let load;
  if (parts.has("load")) {
    step(`Load test: ${options.clients} clients for ${options.seconds} s`);
    load = await runLoadTest({ clients: options.clients, seconds: options.seconds });
  }

  const run = {
    date: new Date().toISOString(),
    seconds: (performance.now() - started) / 1000,
    machine,
    endLoadAverage: os.loadavg(),
    nodeVersion: process.version,
    packageHash: hashAtStart,
    packageChanged: packageHash() !== hashAtStart,
    ...validation,
    bulkCreate,
    load,
  };
  if (!options.whole) {
    printParts(run);
    return;
  }
  const document = renderDocument(run);
  writeFileSync(path.join(root, "docs", "benchmarks.md"), document);
  console.log(document);
  step(`wrote docs/benchmarks.md in ${run.seconds.toFixed(0)} s`);
  if (run.packageChanged) {
    console.error("warning: pkg/ was rebuilt during the run, so run `npm run bench` again");
  }
}

await main();
