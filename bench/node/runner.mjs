// Runs the Node side: cases 1 to 3, the cold loads and case 4, each in a fresh child process.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..", "..");

/** The number of fresh processes whose cold loads are timed. */
const COLD_LOADS = 21;

function runNode(args, what) {
  const child = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 2 ** 20,
  });
  if (child.status !== 0) {
    throw new Error(`${what} failed with exit code ${child.status}:\n${child.stderr}`);
  }
  return child;
}

function runJson(script, args, what) {
  return JSON.parse(runNode([path.join(here, script), ...args], what).stdout);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs cases 1 to 3 in one child process. */
export function runNodeCases() {
  return runJson("cases.mjs", [], "the Node cases").rows;
}

/**
 * Times the cold load of pkg/node.cjs inside each of `COLD_LOADS` fresh processes. The
 * difference in wall time between `node -e 'require(...)'` and `node -e ""` was tried and
 * dropped, because the noise of starting a process on a loaded machine was larger than it.
 */
export function runNodeColdLoads() {
  const loads = [];
  for (let i = 0; i < COLD_LOADS; i++) {
    loads.push(runJson("cold-load.cjs", [], "the Node cold load"));
  }
  const requireTimes = loads.map((load) => load.requireMs);
  return {
    processes: COLD_LOADS,
    requireMs: median(requireTimes),
    minRequireMs: Math.min(...requireTimes),
    maxRequireMs: Math.max(...requireTimes),
    compileMs: median(loads.map((load) => load.compileMs)),
    instantiateMs: median(loads.map((load) => load.instantiateMs)),
  };
}

/** Runs case 4 at each row count, each in its own child process. */
export function runNodeLinearity(rowCounts) {
  return rowCounts.map((rows) =>
    runJson("linearity.mjs", [String(rows)], `case 4 at ${rows} rows`),
  );
}
