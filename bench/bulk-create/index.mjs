// The bulk-create run: runBulkCreate from pkg/ against the emulator started in this process,
// throttled, with batch responses dropped after their items were stored, and with list lag.
// Each scenario gets a fresh emulator; the figures come from the results, their stats and the
// emulator's /_emulator/state.
import { startEmulator } from "../../emulator/server.mjs";

const CATALOG = "66584aae-98bb-48cc-9458-7bee5d2a6577";
const STATUSES = ["created", "exists", "invalid", "failed", "not_sent"];

/** Emulator settings that every scenario shares. */
export const FAULTS = { dropRate: 0.05, listLagMs: 250, seed: 3 };

/**
 * The scenarios, the first of which the goal is about: the runner with its defaults, as an
 * admin runs it. `runner` contains the runBulkCreate options that the benchmark sets beyond the
 * URL and token, so `{}` keeps the runner's defaults.
 */
export const SCENARIOS = [
  {
    name: "main",
    rows: 2000,
    throttle: { rate: 50, burst: 50 },
    runner: {},
  },
  {
    name: "one batch at a time",
    rows: 2000,
    throttle: { rate: 50, burst: 50 },
    runner: { concurrency: 1 },
  },
  {
    name: "burst below rate",
    rows: 500,
    throttle: { rate: 50, burst: 20 },
    runner: { concurrency: 1 },
  },
];

/**
 * Runs every scenario in turn; `onStart(scenario)` is called before each. It imports pkg/ only
 * now, so that a missing build is reported by the caller's check first.
 */
export async function runBulkCreateScenarios(onStart = () => {}) {
  const { runBulkCreate } = await import("../../pkg/node.mjs");
  const results = [];
  for (const scenario of SCENARIOS) {
    onStart(scenario);
    results.push(await runScenario(runBulkCreate, scenario));
  }
  return results;
}

async function runScenario(runBulkCreate, scenario) {
  const emulator = await startEmulator({
    port: 0,
    apiPort: 0,
    quiet: true,
    ...scenario.throttle,
    ...FAULTS,
  });
  try {
    const inputs = generateRows(scenario.rows);
    const options = { baseUrl: emulator.apiUrl, accessToken: "bench-token", ...scenario.runner };
    const started = performance.now();
    const results = await runBulkCreate(inputs, options);
    const wallSeconds = (performance.now() - started) / 1000;
    return summarize(scenario, inputs, results, wallSeconds, emulator.state());
  } finally {
    await emulator.close();
  }
}

function generateRows(count) {
  return Array.from({ length: count }, (_, row) => ({
    displayName: `bench package ${String(row).padStart(4, "0")}`,
    description: `row ${row} of the bulk-create benchmark`,
    catalogId: CATALOG,
  }));
}

/**
 * Returns the throttle's ceiling over `wallSeconds`. A bucket that starts full grants `burst`
 * requests at once and `rate` per second after, so at most `burst + rate × wallSeconds`.
 */
export function ceilingRequests({ rate, burst }, wallSeconds) {
  return burst + rate * wallSeconds;
}

function summarize(scenario, inputs, results, wallSeconds, state) {
  const statuses = Object.fromEntries(STATUSES.map((status) => [status, 0]));
  for (const result of results) {
    if (result.status in statuses) statuses[result.status] += 1;
  }
  const created = statuses.created;
  const ceiling = ceilingRequests(scenario.throttle, wallSeconds);
  return {
    name: scenario.name,
    rows: inputs.length,
    throttle: scenario.throttle,
    runner: scenario.runner,
    wallSeconds,
    packagesPerSecond: created / wallSeconds,
    ceilingPerSecond: ceiling / wallSeconds,
    share: created / ceiling,
    statuses,
    rowCheck: checkRows(inputs, results),
    stored: checkStored(inputs, results, state.packages),
    stats: { ...results.stats },
    counters: state.counters,
    failures: describeFailures(results),
  };
}

// Counts rows with no result, rows with more than one, and results whose status is not one of
// runBulkCreate's.
function checkRows(inputs, results) {
  const perRow = new Array(inputs.length).fill(0);
  let outOfRange = 0;
  for (const result of results) {
    if (Number.isInteger(result?.row) && result.row >= 0 && result.row < inputs.length) {
      perRow[result.row] += 1;
    } else {
      outOfRange += 1;
    }
  }
  return {
    results: results.length,
    missing: perRow.filter((count) => count === 0).length,
    reportedTwice: perRow.filter((count) => count > 1).length,
    outOfRange,
    unknownStatus: results.filter((result) => !STATUSES.includes(result?.status)).length,
  };
}

// Compares the store with the rows. It counts packages stored more than once under a catalog
// and name, compared ignoring case as Graph's duplicate check compares them. It also counts
// rows reported created whose id is not stored under their name, and stored packages that no
// row reported.
function checkStored(inputs, results, packages) {
  const keys = packages.map((stored) => `${stored.catalogId}/${stored.displayName.toLowerCase()}`);
  const storedById = new Map(packages.map((stored) => [stored.id, stored]));
  const reportedIds = new Set(results.map((result) => result.id).filter(Boolean));
  const wrongIds = results.filter(
    (result) =>
      result.status === "created" &&
      storedById.get(result.id)?.displayName !== inputs[result.row].displayName,
  ).length;
  return {
    packages: packages.length,
    duplicates: keys.length - new Set(keys).size,
    wrongIds,
    unreported: packages.filter((stored) => !reportedIds.has(stored.id)).length,
  };
}

// Groups the rows that were not created by status, error status and code, e.g.
// "failed 429 TooManyRequests": 46.
function describeFailures(results) {
  const groups = {};
  for (const result of results) {
    if (result.status === "created") continue;
    const key = `${result.status} ${result.error?.status ?? ""} ${result.code ?? ""}`.trim();
    groups[key] = (groups[key] ?? 0) + 1;
  }
  return groups;
}
