// Token buckets, one per access token, that throttle Graph requests when a rate is set.

import { performance } from 'node:perf_hooks';

/**
 * Per-token request budget. Each bucket contains at most `burst` tokens and refills at
 * `rate` tokens per second, and each request or batch item spends one. A `rate` of 0 turns
 * throttling off.
 */
export class Throttle {
  #rate;
  #burst;
  #clock;
  #buckets = new Map();

  /** `clock` returns milliseconds from a monotonic source. */
  constructor({ rate, burst }, clock = () => performance.now()) {
    this.#rate = rate;
    this.#burst = burst;
    this.#clock = clock;
  }

  get enabled() {
    return this.#rate > 0;
  }

  /** Returns how many whole requests `key` may make now. */
  available(key) {
    if (!this.enabled) {
      return Infinity;
    }
    return Math.floor(this.#refill(key).tokens);
  }

  /**
   * Spends up to `count` tokens of `key`. Returns `{ granted, retryAfterSeconds }`, where
   * `retryAfterSeconds` is the whole number of seconds until the next token, or 0 when
   * every request was granted.
   */
  take(key, count = 1) {
    if (!this.enabled) {
      return { granted: count, retryAfterSeconds: 0 };
    }
    const bucket = this.#refill(key);
    const granted = Math.min(count, Math.floor(bucket.tokens));
    bucket.tokens -= granted;
    if (granted === count) {
      return { granted, retryAfterSeconds: 0 };
    }
    return { granted, retryAfterSeconds: this.retryAfterSeconds(key) };
  }

  /** Returns the whole seconds, at least 1, until `key` has a token again. */
  retryAfterSeconds(key) {
    const bucket = this.#refill(key);
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.#rate));
  }

  /** Refills every bucket. */
  reset() {
    this.#buckets.clear();
  }

  #refill(key) {
    const now = this.#clock();
    let bucket = this.#buckets.get(key);
    if (bucket === undefined) {
      bucket = { tokens: this.#burst, updatedMs: now };
      this.#buckets.set(key, bucket);
    }
    const elapsedSeconds = (now - bucket.updatedMs) / 1000;
    bucket.tokens = Math.min(this.#burst, bucket.tokens + elapsedSeconds * this.#rate);
    bucket.updatedMs = now;
    return bucket;
  }
}
