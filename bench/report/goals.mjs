// The goals of the package, each checked against this run's figures.
import { bytes, milliseconds, ratio, significant } from "./format.mjs";
import { findMedian, linearityRatio } from "./tables.mjs";

const VALID_CASE = "1. valid package, validate";
const BUILD_CASE = "1. valid package, build body";

/** One KB here is 1,024 bytes. */
const KB = 1024;

function verdict(met) {
  return met ? "**met**" : "**not met**";
}

/** Describes how far `value` is from `goal`: "25% over the goal", "3.5 times the goal". */
function margin(value, goal) {
  const factor = value / goal;
  if (factor <= 1) {
    return `${significant((1 - factor) * 100, 2)}% under the goal`;
  }
  return factor < 2
    ? `${significant((factor - 1) * 100, 2)}% over the goal`
    : `${significant(factor, 2)} times the goal`;
}

/** Describes a ratio against its goal: "14.2×, goal ≤ 2×, 7.1 times the goal". */
function againstGoal(value, goal) {
  return `${ratio(value)}, goal ≤ ${goal}×, ${margin(value, goal)}`;
}

function oneCallGoal(place, rows) {
  const library = findMedian(rows, VALID_CASE, "validateAccessPackage");
  const ajv = findMedian(rows, VALID_CASE, "Ajv");
  const build = findMedian(rows, BUILD_CASE, "buildCreateAccessPackageRequest");
  const ajvBuild = findMedian(rows, BUILD_CASE, "Ajv + JSON.stringify");
  const value = library / ajv;
  return (
    `- One call ≤ 2× Ajv in ${place}: ${verdict(value <= 2)}. validateAccessPackage on case 1 ` +
    `is ${againstGoal(value, 2)}. For comparison, buildCreateAccessPackageRequest is ` +
    `${ratio(build / ajvBuild)} Ajv + JSON.stringify.`
  );
}

function bulkGoal(place, rows) {
  const library = rows.find((row) => row.case.startsWith("3.") && row.kind === "library");
  const goal = `- Bulk 10k ≤ 1.0× the best peer pipeline in ${place}`;
  if (library.medianUs === null) {
    return `${goal}: **not measured**, ${library.note}.`;
  }
  const value = library.peerRatio;
  return (
    `${goal}: ${verdict(value <= 1)}, ` +
    `${againstGoal(value, 1)}. Stretch goal ≤ 0.5×: ${verdict(value <= 0.5)}, ` +
    `${margin(value, 0.5)}.`
  );
}

function sizeGoal(subject, size, goalKb) {
  const goal = goalKb * KB;
  return (
    `- ${subject} ≤ ${goalKb} KB gzipped: ${verdict(size <= goal)}, ${bytes(size)} bytes ` +
    `against ${bytes(goal)} (${goalKb} × 1,024), ${margin(size, goal)}.`
  );
}

function linearityGoal(place, linearity) {
  const value = linearityRatio(linearity);
  const [small, large] = linearity.map((result) => result.rows.toLocaleString("en-US"));
  const goal = `- ${small} vs ${large} rows ≤ 110× in time in ${place}`;
  if (value === null) {
    return `${goal}: **not measured**.`;
  }
  return `${goal}: ${verdict(value <= 110)}, ${againstGoal(value, 110)}.`;
}

/** Returns the goals section's list, one line per goal and place. */
export function goalLines({ node, chromium, sizes }) {
  const wasm = sizes.find((size) => size.file.endsWith(".wasm"));
  const glue = sizes.find((size) => size.file.endsWith("graph_access_package.js"));
  const load = node.coldLoad.requireMs;
  return [
    oneCallGoal("Node", node.rows),
    oneCallGoal("Chromium", chromium.rows),
    bulkGoal("Node", node.rows),
    bulkGoal("Chromium", chromium.rows),
    sizeGoal("The wasm module", wasm.gzip, 35),
    sizeGoal("The JS glue", glue.gzip, 10),
    `- Instantiation ≤ 5 ms in Node: ${verdict(load <= 5)}, ${milliseconds(load)} for the ` +
      `whole require of pkg/node.cjs, ${margin(load, 5)}. Of that, compiling took ` +
      `${milliseconds(node.coldLoad.compileMs)} and instantiating ` +
      `${milliseconds(node.coldLoad.instantiateMs)}.`,
    linearityGoal("Node", node.linearity),
    linearityGoal("Chromium", chromium.linearity),
  ];
}
