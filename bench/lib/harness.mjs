// Timing that runs unchanged in Node and in a browser page: performance.now() only.

/** Results are folded into this value so that no call can be optimized away. */
let sink = 0;

/** Returns `sink`, so that a caller can output it and the folded results stay in use. */
export function sinkValue() {
  return sink;
}

function fold(result) {
  sink = (sink + (result === undefined || result === null ? 0 : 1)) | 0;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function runFor(fn, iterations) {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) {
    fold(fn());
  }
  return performance.now() - start;
}

/** The settings of `measureCall` unless a caller gives others. */
export const CALL_SETTINGS = Object.freeze({ warmupMs: 300, sampleMs: 25, samples: 21 });

/** The settings of `measureBulk` unless a caller gives others. */
export const BULK_SETTINGS = Object.freeze({ warmups: 5, samples: 15 });

/**
 * Times a fast call: warms it up for `warmupMs`, picks an iteration count that fills
 * `sampleMs`, then takes `samples` samples. Returns microseconds per call.
 */
export function measureCall(fn, settings = {}) {
  const { warmupMs, sampleMs, samples } = { ...CALL_SETTINGS, ...settings };
  let iterations = 1;
  const warmupEnd = performance.now() + warmupMs;
  while (performance.now() < warmupEnd) {
    const elapsed = runFor(fn, iterations);
    if (elapsed < sampleMs / 4) {
      iterations *= 2;
    }
  }
  const probe = runFor(fn, iterations);
  iterations = Math.max(1, Math.round((iterations * sampleMs) / Math.max(probe, 0.001)));
  const perCall = [];
  for (let s = 0; s < samples; s++) {
    perCall.push((runFor(fn, iterations) * 1000) / iterations);
  }
  return summarize(perCall, iterations);
}

/**
 * Times a slow call, one call per sample, after `warmups` untimed calls. Returns
 * microseconds per call.
 */
export function measureBulk(fn, settings = {}) {
  const { warmups, samples } = { ...BULK_SETTINGS, ...settings };
  for (let w = 0; w < warmups; w++) {
    fold(fn());
  }
  const perCall = [];
  for (let s = 0; s < samples; s++) {
    perCall.push(runFor(fn, 1) * 1000);
  }
  return summarize(perCall, 1);
}

function summarize(perCall, iterations) {
  return {
    medianUs: median(perCall),
    minUs: Math.min(...perCall),
    maxUs: Math.max(...perCall),
    samples: perCall.length,
    iterationsPerSample: iterations,
  };
}
