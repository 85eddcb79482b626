// The emulator load test: the emulator in a child process, `clients` clients creating and
// listing packages for `seconds`, its memory sampled on the way, and the store checked against
// the creates that were acknowledged. `npm run bench` and tests/node/load.test.mjs both run it.
import { startClients } from "./clients.mjs";
import { startEmulatorProcess } from "./emulator-process.mjs";

/** The request kinds, in the order the report lists them, and the status each expects. */
export const KINDS = [
  { kind: "create v1.0", expected: 201 },
  { kind: "create beta", expected: 201 },
  { kind: "list v1.0", expected: 200 },
  { kind: "list beta", expected: 200 },
];

/** Milliseconds between two memory samples, and the window of the request rates beside them. */
const SAMPLE_INTERVAL_MS = 1_000;
const RATE_WINDOW_SECONDS = 5;

/**
 * Runs the load test and returns its figures: `{ clients, seconds, emulatorArgs, wallSeconds,
 * requests, kinds, errors, unanswered, listMisses, creates, store, memory, peakRssBytes,
 * counters, errorOutput }`.
 * `emulatorArgs` are extra flags for emulator/server.mjs. The emulator is stopped before it
 * resolves, whatever happened.
 */
export async function runLoadTest({ clients = 50, seconds = 60, emulatorArgs = [] } = {}) {
  const emulator = await startEmulatorProcess(emulatorArgs);
  try {
    return await measure(emulator, { clients, seconds });
  } finally {
    await emulator.stop();
  }
}

async function measure(emulator, { clients, seconds }) {
  const timeline = [{ atSeconds: 0, rssBytes: emulator.readRssBytes(), creates: 0, requests: 0 }];
  const started = performance.now();
  const load = startClients({ apiUrl: emulator.apiUrl, clients, seconds });
  const sampler = setInterval(() => {
    const atSeconds = (performance.now() - started) / 1000;
    timeline.push({ atSeconds, rssBytes: emulator.readRssBytes(), ...load.progress() });
  }, SAMPLE_INTERVAL_MS);
  let result;
  try {
    result = await load.finished;
  } finally {
    clearInterval(sampler);
  }
  const end = {
    atSeconds: (performance.now() - started) / 1000,
    rssBytes: emulator.readRssBytes(),
    ...load.progress(),
  };
  timeline.push(end);

  const state = await fetchState(emulator.apiUrl);
  return {
    clients,
    seconds,
    emulatorArgs: emulator.args,
    wallSeconds: result.seconds,
    requests: result.samples.length,
    kinds: summarizeKinds(result.samples),
    errors: countErrors(result.samples),
    unanswered: result.samples.filter((sample) => sample.status === 0).length,
    listMisses: result.listMisses,
    creates: result.creates.length,
    store: compareStore(state.packages, result.creates),
    memory: memoryMoments(timeline, seconds, state.packages.length),
    peakRssBytes: Math.max(...timeline.map((sample) => sample.rssBytes)),
    counters: state.counters,
    errorOutput: emulator.errorOutput(),
  };
}

async function fetchState(apiUrl) {
  const response = await fetch(`${apiUrl}/_emulator/state`);
  if (!response.ok) {
    throw new Error(`GET ${apiUrl}/_emulator/state returned ${response.status}`);
  }
  return response.json();
}

/** Returns the value at percentile `p` (0 to 100) of the ascending `sorted`, by nearest rank. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

function summarizeKinds(samples) {
  return KINDS.map(({ kind, expected }) => {
    const ofKind = samples.filter((sample) => sample.kind === kind);
    const answered = ofKind.filter((sample) => sample.status !== 0);
    const latencies = answered.map((sample) => sample.ms).sort((a, b) => a - b);
    return {
      kind,
      expected,
      count: ofKind.length,
      expectedStatus: ofKind.filter((sample) => sample.status === expected).length,
      p50Ms: percentile(latencies, 50),
      p90Ms: percentile(latencies, 90),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies.at(-1) ?? null,
    };
  });
}

// Counts the requests that did not get their kind's expected status, by kind and status, with
// status 0 for no response and the first error message seen for it.
function countErrors(samples) {
  const expectedByKind = new Map(KINDS.map(({ kind, expected }) => [kind, expected]));
  const errors = new Map();
  for (const sample of samples) {
    if (sample.status === expectedByKind.get(sample.kind)) continue;
    const key = `${sample.kind} ${sample.status}`;
    const entry = errors.get(key) ?? { kind: sample.kind, status: sample.status, count: 0 };
    entry.count += 1;
    entry.firstError ??= sample.error;
    errors.set(key, entry);
  }
  return [...errors.values()];
}

/**
 * Compares the stored packages with the acknowledged creates. `lost` counts creates whose id is
 * not stored under their name and catalog, and `unacknowledged` stored packages that no 201
 * returned. `duplicates` counts stored packages beyond the first of a catalog and name, with
 * names compared ignoring case, as Graph's duplicate check compares them.
 */
export function compareStore(packages, creates) {
  const storedById = new Map(packages.map((stored) => [stored.id, stored]));
  const lost = creates.filter((create) => {
    const stored = storedById.get(create.id);
    return stored?.displayName !== create.displayName || stored.catalogId !== create.catalogId;
  }).length;
  const acknowledged = new Set(creates.map((create) => create.id));
  const unacknowledged = packages.filter((stored) => !acknowledged.has(stored.id)).length;
  const keys = packages.map((stored) => `${stored.catalogId}/${stored.displayName.toLowerCase()}`);
  const duplicates = keys.length - new Set(keys).size;
  return { packages: packages.length, lost, unacknowledged, duplicates };
}

// Picks the start, middle and end samples, each with the request rate of the window before it.
// The emulator starts empty, and `stored` is the number of packages stored at the end.
function memoryMoments(timeline, seconds, stored) {
  const middle = timeline.reduce((best, sample) =>
    Math.abs(sample.atSeconds - seconds / 2) < Math.abs(best.atSeconds - seconds / 2)
      ? sample
      : best,
  );
  const moments = [
    { moment: "start", ...timeline[0], stored: 0 },
    { moment: "middle", ...middle },
    { moment: "end", ...timeline.at(-1), stored },
  ];
  return moments.map((sample) => ({ ...sample, requestsPerSecond: rateBefore(timeline, sample) }));
}

// The requests answered per second in the RATE_WINDOW_SECONDS before `sample`, or null at the
// start.
function rateBefore(timeline, sample) {
  const earlier = timeline.filter(
    (other) => other.atSeconds <= sample.atSeconds - RATE_WINDOW_SECONDS + 0.5,
  );
  const from = earlier.at(-1) ?? timeline[0];
  const span = sample.atSeconds - from.atSeconds;
  return span > 0 ? (sample.requests - from.requests) / span : null;
}
