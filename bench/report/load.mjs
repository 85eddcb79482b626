// The load-test section of docs/benchmarks.md: concurrent clients against the emulator.
import { REQUEST_TIMEOUT_MS } from "../load/clients.mjs";
import { mebibytes, milliseconds, significant, table } from "./format.mjs";

function count(number) {
  return number.toLocaleString("en-US");
}

function latency(ms) {
  return ms === null ? "–" : milliseconds(ms);
}

export function loadKindsTable(load) {
  const rows = load.kinds.map((kind) => [
    kind.kind,
    count(kind.count),
    `${count(kind.expectedStatus)} × ${kind.expected}`,
    latency(kind.p50Ms),
    latency(kind.p90Ms),
    latency(kind.p99Ms),
    latency(kind.maxMs),
  ]);
  return table(
    ["kind", "requests", "expected status", "p50", "p90", "p99", "max"],
    rows,
    ["l", "r", "r", "r", "r", "r", "r"],
  );
}

function describeErrors(load) {
  if (load.errors.length === 0) {
    return "none";
  }
  return load.errors
    .map(({ kind, status, count: number, firstError }) => {
      const detail = firstError === undefined ? "" : ` (${firstError})`;
      return `${number} × ${status} on ${kind}${detail}`;
    })
    .join(", ");
}

export function loadStoreTable(load) {
  const { store } = load;
  return table(
    [
      "creates acknowledged (201)",
      "packages stored",
      "acknowledged but not stored",
      "stored but not acknowledged",
      "duplicates stored",
      "filtered lists missing the new package",
    ],
    [
      [
        count(load.creates),
        count(store.packages),
        count(store.lost),
        count(store.unacknowledged),
        count(store.duplicates),
        count(load.listMisses),
      ],
    ],
    ["r", "r", "r", "r", "r", "r"],
  );
}

export function loadMemoryTable(load) {
  const rows = load.memory.map((sample) => [
    sample.moment,
    `${significant(sample.atSeconds)} s`,
    mebibytes(sample.rssBytes),
    sample.stored === undefined ? `${count(sample.creates)} acknowledged` : count(sample.stored),
    sample.requestsPerSecond === null ? "–" : significant(sample.requestsPerSecond),
  ]);
  return table(
    ["moment", "since the load began", "emulator RSS", "packages stored", "requests/s, last 5 s"],
    rows,
    ["l", "r", "r", "r", "r"],
  );
}

// Describes the RSS added per package stored over the whole run, and the peak.
function growthLine(load) {
  const [start, , end] = load.memory;
  const added = end.rssBytes - start.rssBytes;
  const perPackage = end.stored > 0 ? `${count(Math.round(added / end.stored))} bytes` : "–";
  return (
    `RSS added per package stored, from the start to the end: ${perPackage}. The peak of ` +
    `the samples was ${mebibytes(load.peakRssBytes)}. RSS also moves with garbage ` +
    "collection and with what serving requests takes whatever is stored (compiled code, " +
    "buffers, heap headroom), so a difference between two samples estimates the cost of " +
    "a stored package and does not measure it."
  );
}

/** Returns the section's Markdown. */
export function loadSection(load) {
  const rate = load.requests / load.wallSeconds;
  return [
    `## Emulator load test: ${load.clients} clients for ${load.seconds} s`,
    "",
    `The emulator runs as a child process (\`node ${load.emulatorArgs.join(" ")}\`), so that ` +
      "the load generator does not share its event loop, without throttling, latency, list " +
      `lag or faults. ${load.clients} clients in the benchmark's process each repeat, until ` +
      `${load.seconds} s have passed: create a package with a unique name in one of the five ` +
      "seeded catalogs through a single POST, then GET that catalog's packages with " +
      "`$filter=displayName eq '…'`, on v1.0 and beta in turn. They use `node:http` with " +
      `keep-alive, one connection per client, and give up on a request after ` +
      `${REQUEST_TIMEOUT_MS / 1000} s. The emulator's memory is its VmRSS in ` +
      "`/proc/PID/status`, sampled every second.",
    "",
    loadKindsTable(load),
    "",
    `${count(load.requests)} requests in ${significant(load.wallSeconds)} s: ` +
      `${significant(rate)} requests per second. The emulator counted ` +
      `${count(load.counters.requests)} requests received. Requests without a response: ` +
      `${load.unanswered}. Statuses other than the expected one: ${describeErrors(load)}.`,
    "",
    loadStoreTable(load),
    "",
    loadMemoryTable(load),
    "",
    "The middle row counts the creates acknowledged at that moment, which can lag the store " +
      `by the requests in flight (at most ${load.clients}). ` +
      growthLine(load),
    "",
    rateLine(load),
  ].join("\n");
}

// Compares the request rate before the middle and the end samples, and names the cause of a
// fall: the emulator's store is an array that each create and each list walks in full.
function rateLine(load) {
  const [, middle, end] = load.memory;
  if (middle.requestsPerSecond === null || end.requestsPerSecond === null) {
    return "";
  }
  const change = end.requestsPerSecond / middle.requestsPerSecond;
  const rates =
    `${significant(middle.requestsPerSecond)} requests/s before the middle sample and ` +
    `${significant(end.requestsPerSecond)} before the end`;
  if (change >= 0.9) {
    return `The request rate held while the store grew: ${rates}.`;
  }
  return (
    `The request rate fell as the store grew: ${rates}. The emulator keeps packages in a ` +
    "plain array, and every create scans all of them for the duplicate check, and every " +
    "list copies the catalog's packages before it filters them, so both cost more with " +
    "each package stored."
  );
}

/** Returns the goal lines of the load test. */
export function loadGoalLines(load) {
  const { store } = load;
  const clean = store.lost === 0 && store.unacknowledged === 0 && store.duplicates === 0;
  const answered = load.unanswered === 0 && load.counters.requests === load.requests;
  return [
    `- Load test loses no package and stores none twice: ${clean ? "**met**" : "**not met**"}, ` +
      `${count(store.packages)} stored for ${count(load.creates)} acknowledged creates, ` +
      `${store.lost} lost, ${store.unacknowledged} unacknowledged, ` +
      `${store.duplicates} duplicates.`,
    `- Load test answers every request: ${answered ? "**met**" : "**not met**"}, ` +
      `${load.unanswered} of ${count(load.requests)} without a response.`,
  ];
}
