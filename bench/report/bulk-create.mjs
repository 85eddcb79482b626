// The bulk-create section of docs/benchmarks.md: runBulkCreate against the throttled emulator.
import { FAULTS } from "../bulk-create/index.mjs";
import { significant, table } from "./format.mjs";

/** The share of the throttle's ceiling that the first scenario must reach. */
export const SHARE_GOAL = 0.9;

function count(number) {
  return number.toLocaleString("en-US");
}

function percent(share) {
  return `${significant(share * 100)}%`;
}

function describeThrottle({ rate, burst }) {
  return `${rate}/s, burst ${burst}`;
}

function describeRunner(runner) {
  const entries = Object.entries(runner);
  if (entries.length === 0) return "defaults";
  return entries.map(([key, value]) => `${key}: ${value}`).join(", ");
}

function describeStatuses(statuses) {
  const present = Object.entries(statuses).filter(([, count]) => count > 0);
  return present
    .map(([status, count]) => `${count.toLocaleString("en-US")} ${status}`)
    .join(", ");
}

/** Returns the requests the throttle granted: single GETs and batch items, from the counters. */
export function grantedRequests(counters) {
  const gets = counters.requests - counters.batches - counters.throttledRequests;
  const items = counters.batchItems - counters.throttledItems;
  return { gets, items, total: gets + items };
}

export function bulkCreateTable(results) {
  const rows = results.map((result) => [
    result.name,
    result.rows.toLocaleString("en-US"),
    describeThrottle(result.throttle),
    describeRunner(result.runner),
    `${significant(result.wallSeconds)} s`,
    significant(result.packagesPerSecond),
    significant(result.ceilingPerSecond),
    percent(result.share),
    describeStatuses(result.statuses),
    result.stats.batchesSent.toLocaleString("en-US"),
    result.stats.retries.toLocaleString("en-US"),
    result.stats.lookups.toLocaleString("en-US"),
  ]);
  return table(
    [
      "scenario",
      "rows",
      "throttle",
      "runner options",
      "wall time",
      "packages/s",
      "ceiling/s",
      "share of ceiling",
      "statuses",
      "batches sent",
      "retries",
      "lookups",
    ],
    rows,
    ["l", "r", "l", "l", "r", "r", "r", "r", "l", "r", "r", "r"],
  );
}

export function bulkCheckTable(results) {
  const rows = results.map(({ name, rowCheck, stored, counters }) => {
    const granted = grantedRequests(counters);
    return [
      name,
      rowCheck.results.toLocaleString("en-US"),
      String(rowCheck.missing + rowCheck.outOfRange),
      String(rowCheck.reportedTwice),
      stored.packages.toLocaleString("en-US"),
      String(stored.duplicates),
      String(stored.wrongIds + stored.unreported),
      `${counters.throttledBatches} / ${counters.throttledItems} / ${counters.throttledRequests}`,
      String(counters.droppedResponses),
      `${granted.items.toLocaleString("en-US")} + ${granted.gets.toLocaleString("en-US")}`,
    ];
  });
  return table(
    [
      "scenario",
      "results",
      "rows without a result",
      "rows reported twice",
      "stored packages",
      "duplicates stored",
      "ids not matching the store",
      "429s: batches / items / GETs",
      "responses dropped",
      "granted: items + GETs",
    ],
    rows,
    ["l", "r", "r", "r", "r", "r", "r", "r", "r", "r"],
  );
}

// Explains where the first scenario's budget went, from the emulator's counters.
function budgetParagraph(result) {
  const granted = grantedRequests(result.counters);
  const ceiling = result.ceilingPerSecond * result.wallSeconds;
  const dropped = result.counters.droppedResponses;
  const unused = Math.max(0, ceiling - granted.total);
  return [
    `Where the ${result.name} scenario's budget went: the throttle could grant ` +
      `${significant(ceiling)} requests in ${significant(result.wallSeconds)} s and granted ` +
      `${count(granted.total)}. ${count(granted.items)} were batch items ` +
      `(${percent(granted.items / ceiling)} of the ceiling) and ${count(granted.gets)} were ` +
      `list GETs (${percent(granted.gets / ceiling)}). The GETs are the catalog listing ` +
      `before the first batch and the lookups of the safe resend after the ${dropped} ` +
      `dropped responses. The remaining ${percent(unused / ceiling)} went unused. A bucket ` +
      "stops filling at its burst, so budget is lost whenever it sits full, as it does " +
      "after each Retry-After pause until the runner's next batch arrives.",
    "",
    "The lookups are the price of never sending a create twice. After a dropped response " +
      "the runner waits `lookupDelayMs` (2 s by default), because lists lag creates. Then it " +
      "looks each row of that batch up by name, one GET per row. A row still missing is " +
      "looked up once more after the same delay before it is sent again. So a dropped batch " +
      "of 20 costs about 20 GETs from the budget that the creates use, and 5% of dropped " +
      "batches cost about 5% of the ceiling.",
  ].join("\n");
}

// Returns a line per contrast scenario: its share, the rows it did not create, and the cause.
function scenarioNotes([, oneAtATime, smallBurst]) {
  const outcome = (result) => {
    const failures = Object.entries(result.failures)
      .map(([key, count]) => `${count} ${key}`)
      .join(", ");
    const rows = failures === "" ? "every row created" : `rows not created: ${failures}`;
    return `${result.name}: ${percent(result.share)} of the ceiling, ${rows}.`;
  };
  const { rate, burst } = smallBurst.throttle;
  return [
    `- ${outcome(oneAtATime)} With \`concurrency: 1\` each batch waits for the answer to the ` +
      "one before, so the round trips of the batches that drain the bucket after each pause " +
      "add to the pause. With the default of 4 in flight, the runner drops to one batch after " +
      "a 429 and widens by one per batch that is not throttled, which overlaps those round " +
      "trips.",
    `- ${outcome(smallBurst)} The emulator's Retry-After is whole seconds, at least 1. A ` +
      `bucket of ${burst} refills in ${significant(burst / rate)} s at ${rate}/s and then ` +
      `stops filling, so after each wait the runner finds ${burst} requests of budget where ` +
      `${rate} accrued. A client that only slows down when told cannot pass about ` +
      `${burst} requests per (1 s + a round trip) there, hence the first scenario's burst ` +
      "equal to its rate.",
  ];
}

// Explains the rows that failed on 429, when a scenario had any.
function throttledFailures(results) {
  const any = results.some((result) =>
    Object.keys(result.failures).some((key) => key.startsWith("failed 429")),
  );
  if (!any) return [];
  return [
    "",
    "Rows failed on 429: a row is resent after each 429 at most `maxThrottleRetries` times " +
      "(20 by default), and these rows were throttled more often than that.",
  ];
}

/** Returns the section's Markdown. */
export function bulkCreateSection(results) {
  const [main] = results;
  return [
    `## Bulk create: ${main.rows.toLocaleString("en-US")} packages through \`$batch\``,
    "",
    "`runBulkCreate` from pkg/node.mjs sends generated rows (one catalog, unique names) to " +
      "the emulator, started in the same process on 127.0.0.1 at a free port. Every scenario " +
      "starts a fresh emulator with the throttle shown and " +
      `\`dropRate: ${FAULTS.dropRate}\` (that share of \`$batch\` responses is dropped after ` +
      `their items were stored), \`listLagMs: ${FAULTS.listLagMs}\` and \`seed: ` +
      `${FAULTS.seed}\`. The runner gets the emulator's URL, a token and the options shown.`,
    "",
    "The throttle's ceiling is what a token bucket that starts full can grant in the run's " +
      "wall time W: `burst + rate × W` requests, so `rate + burst / W` per second. Each " +
      "package needs at least one granted request (its batch item), so the share of the " +
      "ceiling is packages created ÷ (burst + rate × W). Batches, retries and lookups are " +
      "`results.stats`; 429s, dropped responses and granted requests are the emulator's " +
      "counters from `/_emulator/state`.",
    "",
    bulkCreateTable(results),
    "",
    bulkCheckTable(results),
    "",
    "A row without a result or reported twice, a package stored twice under one catalog and " +
      "name (compared ignoring case), and a created row whose id is not stored under its " +
      "name must all be 0.",
    "",
    budgetParagraph(main),
    "",
    "The other scenarios show how the runner's settings and the throttle's burst change " +
      "the share:",
    "",
    ...scenarioNotes(results),
    ...throttledFailures(results),
  ].join("\n");
}

/** Returns the goal lines of the first scenario. */
export function bulkCreateGoalLines(results) {
  const [main] = results;
  const met = main.share >= SHARE_GOAL;
  const points = significant(Math.abs(main.share - SHARE_GOAL) * 100, 2);
  const lost = main.rowCheck.missing + main.rowCheck.outOfRange + main.rowCheck.reportedTwice;
  const clean = lost === 0 && main.stored.duplicates === 0;
  return [
    `- Bulk create ≥ ${percent(SHARE_GOAL)} of the throttle's ceiling: ` +
      `${met ? "**met**" : "**not met**"}, ${percent(main.share)} ` +
      `(${significant(main.packagesPerSecond)} of ${significant(main.ceilingPerSecond)} ` +
      `packages/s), ${points} percentage points ${met ? "above" : "below"} the goal.`,
    `- Bulk create stores no duplicate and loses no row: ${clean ? "**met**" : "**not met**"}, ` +
      `${main.stored.duplicates} duplicates, ${lost} rows without exactly one result.`,
  ];
}
