// Counts of what the API listener did since the start or the last reset, for load tests and
// benchmarks that must tell the client's view from the emulator's. GET /_emulator/state
// returns them as `counters`.

/** Returns a counter set at zero. */
export function createCounters() {
  return {
    // Graph requests received under any path but /_emulator/, $batch envelopes included and
    // CORS preflights not, whatever their status.
    requests: 0,
    // $batch envelopes among `requests`.
    batches: 0,
    // Items of the batches that passed the envelope checks and were not throttled whole.
    batchItems: 0,
    // Single requests answered 429.
    throttledRequests: 0,
    // Batches answered 429 as a whole, because the budget was empty when they arrived.
    throttledBatches: 0,
    // Batch items answered 429 inside a batch whose other items ran.
    throttledItems: 0,
    // Batch responses not sent, with the connection closed after the items ran (--drop-rate).
    droppedResponses: 0,
    // Batch responses replaced by 503 after the items ran (--fail-rate).
    failedResponses: 0,
  };
}
