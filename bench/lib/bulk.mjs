// Cases 3 and 4: CSV text to $batch bodies, through the library and through the peers.
import { ajvPeer } from "../peers/ajv.mjs";
import { buildBatchBodies, parseRows } from "../peers/pipeline.mjs";
import { measureBulk } from "./harness.mjs";
import { BATCH_SIZE, generateCsv } from "./inputs.mjs";
import { PEERS } from "../peers/index.mjs";

/** The number of rows of case 3. */
export const BULK_ROWS = 10_000;

const CSV_FORMAT = { format: "csv" };
const OPTIONS = {};

/** Returns why the library cannot run the bulk cases, or null when it can. */
export function bulkUnavailableReason(lib) {
  return typeof lib.buildBatchRequestsFromText === "function"
    ? null
    : "not available: this pkg/ build has no buildBatchRequestsFromText export";
}

/** Calls the library's bulk export on CSV text, the one call that the bulk cases time. */
export function libraryBatches(lib, text) {
  return lib.buildBatchRequestsFromText(text, CSV_FORMAT, OPTIONS);
}

/**
 * Counts the `$batch` requests, the create requests inside them and the errors in what
 * buildBatchRequestsFromText returned, and takes the first create body for comparison.
 */
export function describeLibraryBatches(result) {
  let creates = 0;
  let firstBody;
  for (const batch of result.batches) {
    const items = JSON.parse(batch.request.body).requests;
    creates += items.length;
    firstBody ??= items[0]?.body;
  }
  const errors = result.problems.filter((problem) => problem.severity === "error").length;
  return { batches: result.batches.length, creates, errors, firstBody };
}

function checkPeerPipelines(text, rows) {
  const expectedBatches = Math.ceil(rows / BATCH_SIZE);
  const firstBodies = [];
  for (const peer of PEERS) {
    const built = buildBatchBodies(text, peer);
    if (built.bodies.length !== expectedBatches || built.failed.length > 0) {
      throw new Error(
        `benchmark check failed: papaparse + ${peer.name} built ${built.bodies.length} ` +
          `batches with ${built.failed.length} failed rows, expected ${expectedBatches} and 0`,
      );
    }
    firstBodies.push(JSON.parse(built.bodies[0]).requests[0].body);
  }
  return firstBodies[0];
}

/** Times case 3: the 10,000-row CSV file through the library and through each peer pipeline. */
export function runBulkCase(lib, settings) {
  const caseName = `3. ${BULK_ROWS.toLocaleString("en-US")}-row CSV to $batch bodies`;
  const text = generateCsv(BULK_ROWS);
  const peerBody = checkPeerPipelines(text, BULK_ROWS);
  const results = [];
  const add = (implementation, kind, timing, note) =>
    results.push({ case: caseName, implementation, kind, ...timing, note });

  const unavailable = bulkUnavailableReason(lib);
  if (unavailable) {
    add("buildBatchRequestsFromText", "library", { medianUs: null }, unavailable);
  } else {
    const described = describeLibraryBatches(libraryBatches(lib, text));
    const sameBody = JSON.stringify(described.firstBody) === JSON.stringify(peerBody);
    const note =
      `${described.batches} batches, ${described.creates} creates, ${described.errors} errors` +
      (sameBody ? "" : "; its first body differs from the peers'");
    const timing = measureBulk(() => libraryBatches(lib, text), settings);
    add("buildBatchRequestsFromText", "library", timing, note);
  }
  for (const peer of PEERS) {
    const timing = measureBulk(() => buildBatchBodies(text, peer), settings);
    add(`papaparse + ${peer.name} + JSON.stringify`, "peer", timing);
  }
  add("floor: papaparse alone", "floor", measureBulk(() => parseRows(text), settings));
  return results;
}

/** The row counts of case 4. */
export const LINEARITY_ROWS = [1_000, 100_000];

/** The timing settings of case 4 at up to 10,000 rows and above, so that the run stays short. */
export const LINEARITY_SETTINGS = Object.freeze({
  small: Object.freeze({ warmups: 50, samples: 25 }),
  large: Object.freeze({ warmups: 1, samples: 5 }),
});

/**
 * Times case 4 at one size: `rows` rows through the library, and through papaparse + Ajv
 * for reference.
 */
export function runLinearity(lib, rows) {
  const text = generateCsv(rows);
  const settings = rows > 10_000 ? LINEARITY_SETTINGS.large : LINEARITY_SETTINGS.small;
  const result = { rows, library: null, ajvPipeline: null };
  if (!bulkUnavailableReason(lib)) {
    result.library = measureBulk(() => libraryBatches(lib, text), settings);
  }
  result.ajvPipeline = measureBulk(() => buildBatchBodies(text, ajvPeer), settings);
  return result;
}
