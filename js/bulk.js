// The bulk runner: creates access packages from many rows through Graph's JSON batching.
//
// A create is a POST, which Graph does not make idempotent, so the runner never sends one again
// while its outcome is unknown. It lists each catalog before the first batch, resends throttled
// items only after Graph's Retry-After or an exponential backoff, and looks a name up before it
// resends any create that timed out, lost its connection or came back without an answer.

import {
  abortedError,
  argumentError,
  cancelledError,
  clientError,
  networkError,
  timeoutError,
} from "./bulk-errors.js";
import { libraryOptions, readSettings } from "./bulk-settings.js";

/** Guards a listing against a server whose @odata.nextLink never ends. */
const MAX_LIST_PAGES = 10_000;

/**
 * The maximum delay setTimeout keeps, in milliseconds (about 24.8 days). A longer one fires at
 * once, so a Retry-After of weeks made the run spin. Waits are cut to this length, and the
 * dispatcher waits again for a job that is still not due.
 */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Creates `runBulkCreate` over the library functions in `lib`: `buildBatchRequests`,
 * `parseBatchResponse`, `buildAccessPackageLookupRequest` and
 * `parseCreateAccessPackageResponse`. The functions are read when a run starts, so `lib` may be
 * a module namespace whose wasm is instantiated later.
 */
export function createBulkRunner(lib) {
  return async function runBulkCreate(inputs, options = {}) {
    if (!Array.isArray(inputs)) {
      throw argumentError("invalid_argument", "inputs must be an array of access packages");
    }
    const run = new BulkRun(lib, inputs, readSettings(options), libraryOptions(options));
    return run.start();
  };
}

// One call of runBulkCreate. Each row that goes out has a state object:
// { row, item, template, name, catalogId, tries, throttles, lastError, unknownBefore, retryAt }.
// `tries` counts every send; `throttles` counts the sends that Graph refused with 429 and so
// never ran, which are bounded by maxThrottleRetries instead of maxTries.
class BulkRun {
  constructor(lib, inputs, settings, libOptions) {
    this.lib = lib;
    this.inputs = inputs;
    this.settings = settings;
    this.libOptions = libOptions;
    this.results = new Array(inputs.length);
    this.stats = { lookups: 0, batchesSent: 0, retries: 0 };
    this.counts = { created: 0, exists: 0, failed: 0, invalid: 0, notSent: 0 };
    this.queue = [];
    this.active = new Set();
    // The batches allowed in flight: one after a 429, then one more after each batch that was
    // not throttled, up to `concurrency`, so that a throttled run does not burst again at once.
    this.sendLimit = settings.concurrency;
    this.activeSends = 0;
    this.waiters = [];
    this.pausedUntil = 0;
    this.stopError = undefined;
    this.stopped = new AbortController();
    this.fatalError = undefined;
    this.announcedWaitAt = 0;
    this.lastProgress = "";
  }

  async start() {
    const signal = this.settings.signal;
    const onAbort = () => this.stop(cancelledError());
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const states = this.prepare();
      if (signal?.aborted) {
        this.stop(cancelledError());
      }
      if (!this.stopError && states.length > 0) {
        await this.markExisting(states);
      }
      this.emitProgress();
      await this.dispatch();
      await Promise.allSettled([...this.active]);
      this.settleRemaining(states);
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
    if (this.fatalError !== undefined) {
      throw this.fatalError;
    }
    Object.defineProperty(this.results, "stats", { value: this.stats, enumerable: false });
    return this.results;
  }

  // Builds the batches, settles the rows that cannot be sent, and returns one state per item.
  prepare() {
    const built = this.lib.buildBatchRequests(this.inputs, this.libOptions);
    const problemsByRow = new Map();
    const optionErrors = [];
    for (const problem of built.problems) {
      if (problem.row === undefined) {
        if (problem.severity === "error") optionErrors.push(problem);
        continue;
      }
      const list = problemsByRow.get(problem.row) ?? [];
      list.push(problem);
      problemsByRow.set(problem.row, list);
    }

    const states = [];
    const batched = new Set();
    for (const batch of built.batches) {
      const requests = JSON.parse(batch.request.body).requests;
      const itemsById = new Map(requests.map((item) => [item.id, item]));
      const group = [];
      for (const row of batch.rows) {
        const item = itemsById.get(String(row));
        const body = item.body;
        const state = {
          row,
          item,
          template: batch.request,
          name: body.displayName,
          catalogId: body.catalogId ?? body.catalog?.id,
          tries: 0,
          throttles: 0,
          lastError: undefined,
          unknownBefore: false,
          retryAt: 0,
        };
        states.push(state);
        group.push(state);
        batched.add(row);
      }
      this.queue.push({ kind: "send", states: group, notBefore: 0 });
    }

    for (let row = 0; row < this.inputs.length; row += 1) {
      if (batched.has(row)) continue;
      const problems = problemsByRow.get(row) ?? [];
      if (problems.some((problem) => problem.severity === "error")) {
        this.settleInvalid(row, problems);
      } else if (optionErrors.length > 0) {
        this.settleInvalid(row, [...optionErrors, ...problems]);
      } else {
        const message = `row ${row} was neither batched nor reported invalid by buildBatchRequests`;
        this.settle(row, "failed", 0, clientError("not_batched", message));
      }
    }
    return states;
  }

  // Lists each catalog once and settles the rows whose name is already there as "exists".
  async markExisting(states) {
    const byCatalog = new Map();
    for (const state of states) {
      const list = byCatalog.get(state.catalogId) ?? [];
      list.push(state);
      byCatalog.set(state.catalogId, list);
    }
    await mapWithLimit([...byCatalog.values()], this.settings.concurrency, async (group) => {
      const packages = await this.listCatalog(group[0]);
      if (packages === undefined) return;
      const idsByName = new Map();
      for (const found of packages) {
        const name = trimmedName(found);
        if (name !== undefined && !idsByName.has(name)) idsByName.set(name, found.id);
      }
      for (const state of group) {
        const id = idsByName.get(state.name.trim());
        if (id !== undefined) this.settle(state.row, "exists", 0, undefined, id);
      }
    });
  }

  // Returns every package of the state's catalog, or undefined when the listing failed. A
  // failed listing only costs a 409 per existing name later, so the run goes on without it.
  async listCatalog(state) {
    const { name, catalogId } = state;
    const lookup = this.lib.buildAccessPackageLookupRequest(name, catalogId, this.libOptions);
    const url = new URL(lookup.url);
    url.searchParams.delete("$filter");
    try {
      return await this.getAllPages(url.href, lookup.headers);
    } catch (error) {
      if (error instanceof LookupError) return undefined;
      throw error;
    }
  }

  // Starts queued jobs, at most `concurrency` at once and at most `sendLimit` batches, until
  // the queue is empty or the run stops.
  async dispatch() {
    while (this.stopError === undefined) {
      if (this.queue.length === 0 && this.active.size === 0) return;
      const index = this.pickJob();
      if (index < 0) {
        await this.waitForChange(Infinity);
        continue;
      }
      const readyAt = this.readyAt(this.queue[index]);
      const delayMs = readyAt - Date.now();
      if (delayMs > 0) {
        if (readyAt !== this.announcedWaitAt) {
          this.announcedWaitAt = readyAt;
          this.emitProgress();
        }
        await this.waitForChange(delayMs);
        continue;
      }
      this.startJob(this.queue.splice(index, 1)[0]);
    }
  }

  startJob(job) {
    const isSend = job.kind === "send";
    if (isSend) this.activeSends += 1;
    const running = (isSend ? this.sendBatch(job.states) : this.verify(job.states, job.round))
      .catch((error) => {
        this.fatalError ??= error;
        this.stop(cancelledError());
      })
      .finally(() => {
        if (isSend) this.activeSends -= 1;
        this.active.delete(running);
        this.notify();
      });
    this.active.add(running);
  }

  // Returns the index of the job to start next, or -1 when no queued job has room to run. A
  // job that is due goes before one that is not. Among due jobs, lookups go first, then rows
  // sent before, then new batches, so that fresh batches do not starve throttled rows.
  pickJob() {
    if (this.active.size >= this.settings.concurrency) return -1;
    const now = Date.now();
    let best = -1;
    let bestKey;
    this.queue.forEach((job, index) => {
      if (job.kind === "send" && this.activeSends >= this.sendLimit) return;
      const readyAt = this.readyAt(job);
      const key = readyAt <= now ? [0, jobPriority(job), index] : [1, readyAt, index];
      if (best < 0 || compareKeys(key, bestKey) < 0) {
        best = index;
        bestKey = key;
      }
    });
    return best;
  }

  readyAt(job) {
    return Math.max(job.notBefore, this.pausedUntil);
  }

  enqueue(kind, states, notBefore, round = 0) {
    if (states.length === 0) return;
    this.queue.push({ kind, states, notBefore, round });
    this.notify();
  }

  // Sends the rows of one batch, or the subset of it that is still open, and sorts the outcomes.
  async sendBatch(states) {
    const open = states.filter((state) => this.results[state.row] === undefined);
    if (open.length === 0) return;
    for (const state of open) {
      state.tries += 1;
      if (state.tries > 1) this.stats.retries += 1;
    }
    this.stats.batchesSent += 1;
    const template = open[0].template;
    const body = JSON.stringify({ requests: open.map((state) => state.item) });
    const response = await this.fetchText(template.url, { ...template, body });
    const rows = open.map((state) => state.row);
    const outcomes =
      response.error === undefined
        ? this.lib.parseBatchResponse(response.status, response.headers, response.text, rows)
        : rows.map((row) => ({ row, ok: false, status: 0, error: response.error }));
    this.adjustSendLimit(outcomes);
    await this.sortOutcomes(open, outcomes);
    this.emitProgress();
  }

  adjustSendLimit(outcomes) {
    if (outcomes.some((outcome) => outcome.error?.status === 429)) {
      this.sendLimit = 1;
    } else {
      this.sendLimit = Math.min(this.settings.concurrency, this.sendLimit + 1);
    }
  }

  async sortOutcomes(states, outcomes) {
    const throttled = [];
    const duplicates = [];
    const unknown = [];
    outcomes.forEach((outcome, index) => {
      const state = states[index];
      const error = outcome.error;
      if (outcome.ok) {
        this.settle(state.row, "created", state.tries, undefined, outcome.accessPackage.id);
        return;
      }
      state.lastError = error;
      if (error.status === 401) {
        this.stop(error);
        this.settle(state.row, "failed", state.tries, error);
      } else if (error.status === 429) {
        state.throttles += 1;
        throttled.push(state);
      } else if (error.status === 409 && error.code === "DuplicateAccessPackage") {
        duplicates.push(state);
      } else if (isUnknownOutcome(error)) {
        unknown.push(state);
      } else {
        this.settle(state.row, "failed", state.tries, error);
      }
    });
    this.scheduleResend(throttled);
    await Promise.all([this.resolveDuplicates(duplicates), this.resolveUnknown(unknown)]);
  }

  // Resends throttled rows after the longest Retry-After among them, else after a backoff, and
  // pauses every other send for as long, since they spend the same token's budget.
  scheduleResend(states) {
    const open = [];
    for (const state of states) {
      if (state.throttles > this.settings.maxThrottleRetries) {
        this.settle(state.row, "failed", state.tries, state.lastError);
      } else {
        open.push(state);
      }
    }
    if (open.length === 0) return;
    const waits = open.map((state) => this.retryDelayMs(state.lastError, state.throttles));
    const waitMs = Math.max(...waits);
    const at = Date.now() + waitMs;
    this.pausedUntil = Math.max(this.pausedUntil, at);
    this.enqueue("send", open, at);
  }

  retryDelayMs(error, tries) {
    if (error?.retryAfterSeconds !== undefined) return error.retryAfterSeconds * 1000;
    const { backoffBaseMs, backoffMaxMs } = this.settings;
    const ceiling = Math.min(backoffMaxMs, backoffBaseMs * 2 ** (tries - 1));
    return ceiling / 2 + (Math.random() * ceiling) / 2;
  }

  // Queues the lookup of rows whose create may or may not have been stored. It waits
  // `lookupDelayMs` first, because lists lag creates and a lookup at once mostly misses.
  async resolveUnknown(states) {
    if (states.length === 0) return;
    for (const state of states) {
      state.unknownBefore = true;
      const waitMs = state.lastError.retryAfterSeconds;
      state.retryAt = waitMs === undefined ? 0 : Date.now() + waitMs * 1000;
    }
    this.enqueue("verify", states, Date.now() + this.settings.lookupDelayMs, 1);
  }

  // Looks up rows with an unknown outcome. A row found is created; the others are looked up
  // once more after `lookupDelayMs`, and the rows still missing then are sent again.
  async verify(states, round) {
    const missing = await this.settleFound(states);
    if (round === 1) {
      this.enqueue("verify", missing, Date.now() + this.settings.lookupDelayMs, 2);
      this.emitProgress();
      return;
    }
    const resend = [];
    for (const state of missing) {
      if (state.tries - state.throttles >= this.settings.maxTries) {
        this.settle(state.row, "failed", state.tries, state.lastError);
      } else {
        resend.push(state);
      }
    }
    if (resend.length > 0) {
      const notBefore = Math.max(...resend.map((state) => state.retryAt));
      this.enqueue("send", resend, notBefore);
    }
    this.emitProgress();
  }

  // Settles the rows found by name as created, and returns the rest. A row that cannot be
  // looked up fails with its create's error, whose outcome stays unknown.
  async settleFound(states) {
    const missing = [];
    await mapWithLimit(states, this.settings.concurrency, async (state) => {
      if (this.stopError !== undefined) {
        this.settle(state.row, "failed", state.tries, state.lastError);
        return;
      }
      const found = await this.lookUpRow(state);
      if (found === null) {
        this.settle(state.row, "failed", state.tries, state.lastError);
      } else if (found.exact !== undefined) {
        this.settle(state.row, "created", state.tries, undefined, found.exact.id);
      } else {
        missing.push(state);
      }
    });
    return missing;
  }

  // A 409 on the first try means the name was taken before this run. After a try whose outcome
  // was unknown, the package found under the exact name is taken to be this run's.
  async resolveDuplicates(states) {
    await mapWithLimit(states, this.settings.concurrency, async (state) => {
      let found = (await this.lookUpRow(state)) ?? {};
      if (found.exact === undefined && found.similar === undefined && !this.stopError) {
        await sleep(this.settings.lookupDelayMs, this.stopped.signal);
        found = (await this.lookUpRow(state)) ?? {};
      }
      const { exact, similar } = found;
      if (!state.unknownBefore) {
        const id = (exact ?? similar)?.id;
        const error = id === undefined ? state.lastError : undefined;
        this.settle(state.row, "exists", state.tries, error, id);
      } else if (exact !== undefined) {
        this.settle(state.row, "created", state.tries, undefined, exact.id);
      } else if (similar !== undefined) {
        this.settle(state.row, "exists", state.tries, undefined, similar.id);
      } else {
        // NOTE: Graph reports the name as taken but no lookup lists it, which list lag longer
        // than lookupDelayMs can cause. The row fails so that a rerun settles it.
        this.settle(state.row, "failed", state.tries, state.lastError);
      }
    });
  }

  // Returns { exact, similar } for the state's name, or null when the lookup failed for good
  // or the run stopped.
  async lookUpRow(state) {
    try {
      return await this.findByName(state.name, state.catalogId);
    } catch (error) {
      if (error instanceof LookupError) return null;
      throw error;
    }
  }

  // Finds packages named `name` in the catalog: `exact` matches the trimmed name exactly, and
  // `similar` only ignoring case, as Graph's `eq` and its duplicate check compare.
  async findByName(name, catalogId) {
    const lookup = this.lib.buildAccessPackageLookupRequest(name, catalogId, this.libOptions);
    const packages = await this.getAllPages(lookup.url, lookup.headers);
    const wanted = name.trim();
    const exact = packages.find((found) => trimmedName(found) === wanted);
    const folded = wanted.toLowerCase();
    const similar = packages.find((found) => trimmedName(found)?.toLowerCase() === folded);
    return { exact, similar };
  }

  // GETs a list and follows @odata.nextLink on the same origin, so the token goes nowhere else.
  async getAllPages(firstUrl, headers) {
    const packages = [];
    const origin = new URL(firstUrl).origin;
    let url = firstUrl;
    for (let page = 0; page < MAX_LIST_PAGES; page += 1) {
      const body = await this.getJson(url, headers);
      if (Array.isArray(body.value)) packages.push(...body.value);
      const next = body["@odata.nextLink"];
      if (typeof next !== "string") return packages;
      if (new URL(next, url).origin !== origin) {
        const message = `@odata.nextLink leads to another origin than ${origin}: ${next}`;
        throw new LookupError(clientError("invalid_next_link", message));
      }
      url = new URL(next, url).href;
    }
    const message = `the list at ${firstUrl} has more than ${MAX_LIST_PAGES} pages`;
    throw new LookupError(clientError("too_many_pages", message));
  }

  // GETs one page, retrying throttling, 5xx and lost connections up to maxTries times. Throws a
  // LookupError when it gives up; a 401 also stops the run.
  async getJson(url, headers) {
    let lastError;
    for (let attempt = 1; attempt <= this.settings.maxTries; attempt += 1) {
      if (this.stopError !== undefined) throw new LookupError(this.stopError);
      await sleep(this.pausedUntil - Date.now(), this.stopped.signal);
      this.stats.lookups += 1;
      const response = await this.fetchText(url, { method: "GET", headers });
      const read = this.readPage(response);
      if (read.body !== undefined) return read.body;
      lastError = read.error;
      if (lastError.status === 401) this.stop(lastError);
      if (!isRetryableLookup(lastError) || this.stopError !== undefined) break;
      if (attempt < this.settings.maxTries) {
        const waitMs = this.retryDelayMs(lastError, attempt);
        if (lastError.status === 429) {
          this.pausedUntil = Math.max(this.pausedUntil, Date.now() + waitMs);
        }
        await sleep(waitMs, this.stopped.signal);
      }
    }
    throw new LookupError(lastError);
  }

  readPage(response) {
    if (response.error !== undefined) return { error: response.error };
    const { status, headers, text } = response;
    if (status !== 200) {
      const parsed = this.lib.parseCreateAccessPackageResponse(status, headers, text);
      const message = `Graph answered ${status} to a list, where 200 was expected`;
      return { error: parsed.error ?? clientError("unexpected_status", message, { status }) };
    }
    try {
      const body = JSON.parse(text);
      if (body !== null && typeof body === "object") return { body };
    } catch {
      // Reported below like any other body that is not a JSON object.
    }
    const message = "Graph answered 200 to a list with a body that is not a JSON object";
    const details = { status: 200, retryable: true };
    return { error: clientError("invalid_response_body", message, details) };
  }

  // Fetches and reads the whole body within timeoutMs. Returns { status, headers, text } with
  // the headers as a plain object, or { error } with a GraphError of status 0. The race with
  // the abort also ends a call to a custom fetch that ignores its signal.
  async fetchText(url, { method, headers, body }) {
    const { fetch, signal, timeoutMs } = this.settings;
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const aborted = new Promise((resolve, reject) => {
      controller.signal.addEventListener("abort", () => reject(new Error("aborted")));
    });
    aborted.catch(() => {});
    try {
      const request = { method, headers, body, signal: controller.signal };
      const response = await Promise.race([fetch(url, request), aborted]);
      const text = await Promise.race([response.text(), aborted]);
      return { status: response.status, headers: plainHeaders(response.headers), text };
    } catch (error) {
      if (signal?.aborted) return { error: abortedError() };
      if (timedOut) return { error: timeoutError(timeoutMs) };
      return { error: networkError(error) };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  // Stops sending. The first reason wins: the first 401, the signal, or a thrown error.
  stop(error) {
    this.stopError ??= error;
    this.stopped.abort();
    this.notify();
  }

  // Settles the rows that the run stopped before. A row whose last try may have been stored
  // fails with that try's error; any other open row is not_sent with the reason of the stop.
  settleRemaining(states) {
    for (const state of states) {
      if (this.results[state.row] !== undefined) continue;
      if (state.lastError !== undefined && isUnknownOutcome(state.lastError)) {
        this.settle(state.row, "failed", state.tries, state.lastError);
      } else {
        this.settle(state.row, "not_sent", state.tries, this.stopError ?? cancelledError());
      }
    }
    this.queue = [];
    this.emitProgress();
  }

  settleInvalid(row, problems) {
    const result = { row, status: "invalid", error: problems, tries: 0 };
    const first = problems.find((problem) => problem.severity === "error");
    if (first !== undefined) {
      result.code = first.code;
      result.message = first.message;
    }
    this.results[row] = result;
    this.counts.invalid += 1;
  }

  settle(row, status, tries, error, id) {
    if (this.results[row] !== undefined) return;
    const result = { row, status };
    if (id !== undefined) result.id = id;
    if (error !== undefined) {
      result.error = error;
      for (const key of ["code", "message", "hint", "requestId", "date"]) {
        if (error[key] !== undefined) result[key] = error[key];
      }
    }
    result.tries = tries;
    this.results[row] = result;
    const counter = status === "not_sent" ? "notSent" : status;
    this.counts[counter] += 1;
  }

  emitProgress() {
    const { onProgress } = this.settings;
    if (onProgress === undefined || this.fatalError !== undefined) return;
    const { created, exists, failed, invalid, notSent } = this.counts;
    let waiting = 0;
    let nextAt = Infinity;
    for (const job of this.queue) {
      const open = job.states.filter(
        (state) => state.tries > 0 && this.results[state.row] === undefined,
      );
      waiting += open.length;
      if (open.length > 0) nextAt = Math.min(nextAt, this.readyAt(job));
    }
    const waitSeconds = waiting === 0 ? 0 : Math.max(0, Math.ceil((nextAt - Date.now()) / 1000));
    const done = created + exists + failed + invalid + notSent;
    const total = this.inputs.length;
    const progress = { done, created, exists, failed, invalid, notSent };
    Object.assign(progress, { waiting, waitSeconds, total });
    const key = JSON.stringify(progress);
    if (key === this.lastProgress) return;
    this.lastProgress = key;
    try {
      onProgress(progress);
    } catch (error) {
      this.fatalError = error;
      this.stop(cancelledError());
    }
  }

  notify() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  // Resolves after `ms`, or sooner when a job finishes, a job is queued or the run stops.
  waitForChange(ms) {
    return new Promise((resolve) => {
      let timer;
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      if (ms !== Infinity) timer = setTimeout(wake, Math.min(ms, MAX_TIMER_MS));
      this.waiters.push(wake);
    });
  }
}

/** A lookup that failed for good; `error` is the GraphError of its last attempt. */
class LookupError extends Error {
  constructor(error) {
    super(error.message);
    this.name = "LookupError";
    this.error = error;
  }
}

/** Ranks a due job: lookups, then rows sent before, then rows never sent. */
function jobPriority(job) {
  if (job.kind === "verify") return 0;
  return job.states.some((state) => state.tries > 0) ? 1 : 2;
}

function compareKeys(left, right) {
  for (let index = 0; index < left.length; index += 1) {
    if (left[index] !== right[index]) return left[index] - right[index];
  }
  return 0;
}

/** Returns whether the create may have been stored although no success came back. */
function isUnknownOutcome(error) {
  return (
    error.status === 0 ||
    error.status >= 500 ||
    error.code === "missing_batch_item" ||
    error.code === "invalid_response_body"
  );
}

/** Returns whether a failed GET of a list may succeed when sent again. */
function isRetryableLookup(error) {
  return isUnknownOutcome(error) || error.status === 429;
}

function trimmedName(found) {
  return typeof found?.displayName === "string" ? found.displayName.trim() : undefined;
}

function plainHeaders(headers) {
  const plain = {};
  if (headers === null || typeof headers !== "object") return plain;
  const entries =
    typeof headers.entries === "function" ? headers.entries() : Object.entries(headers);
  for (const [name, value] of entries) {
    if (typeof value === "string") plain[name] = value;
  }
  return plain;
}

async function mapWithLimit(items, limit, work) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

// Resolves after `ms`, or at once when `signal` aborts, so that a cancelled run ends promptly.
function sleep(ms, signal) {
  if (!(ms > 0) || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, Math.min(ms, MAX_TIMER_MS));
    signal?.addEventListener("abort", done, { once: true });
  });
}
