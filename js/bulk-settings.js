// The settings of one bulk run: the runner's own options with their defaults, checked, and
// the rest of the options, which go to the library functions.
import { argumentError } from "./bulk-errors.js";

const DEFAULTS = {
  concurrency: 4,
  maxTries: 5,
  maxThrottleRetries: 20,
  timeoutMs: 30_000,
  lookupDelayMs: 2_000,
  backoffBaseMs: 1_000,
  backoffMaxMs: 60_000,
};

/** Options of the runner itself, which are not passed on to the library functions. */
const RUNNER_KEYS = new Set([...Object.keys(DEFAULTS), "fetch", "signal", "onProgress"]);

export function readSettings(options) {
  if (options === null || typeof options !== "object") {
    throw argumentError("invalid_option", "options must be an object");
  }
  const settings = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS)) {
    if (options[key] !== undefined) settings[key] = options[key];
  }
  requireInteger(settings, "concurrency", 1);
  requireInteger(settings, "maxTries", 1);
  requireInteger(settings, "maxThrottleRetries", 0);
  requireNumber(settings, "timeoutMs", 1);
  requireNumber(settings, "lookupDelayMs", 0);
  requireNumber(settings, "backoffBaseMs", 0);
  requireNumber(settings, "backoffMaxMs", 0);

  settings.fetch = options.fetch ?? globalThis.fetch;
  if (typeof settings.fetch !== "function") {
    const message = "options.fetch must be a function, and no global fetch exists";
    throw argumentError("invalid_option", message);
  }
  settings.signal = options.signal;
  if (settings.signal !== undefined && typeof settings.signal?.addEventListener !== "function") {
    throw argumentError("invalid_option", "options.signal must be an AbortSignal");
  }
  settings.onProgress = options.onProgress;
  if (settings.onProgress !== undefined && typeof settings.onProgress !== "function") {
    throw argumentError("invalid_option", "options.onProgress must be a function");
  }
  return settings;
}

function requireInteger(settings, key, min) {
  const value = settings[key];
  if (!Number.isInteger(value) || value < min) {
    const message = `options.${key} must be an integer of at least ${min}, got ${String(value)}`;
    throw argumentError("invalid_option", message);
  }
}

function requireNumber(settings, key, min) {
  const value = settings[key];
  if (typeof value !== "number" || !Number.isFinite(value) || value < min) {
    const message = `options.${key} must be a number of at least ${min}, got ${String(value)}`;
    throw argumentError("invalid_option", message);
  }
}

// The options without the runner's own keys, for the library functions.
export function libraryOptions(options) {
  const passed = {};
  for (const [key, value] of Object.entries(options)) {
    if (!RUNNER_KEYS.has(key)) passed[key] = value;
  }
  return passed;
}
