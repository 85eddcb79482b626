// runBulkCreate under throttling: whole-batch and per-item 429s, with Retry-After readable or
// removed, and the maxTries limit.
import assert from "node:assert/strict";
import { after, test } from "node:test";

import { startEmulator } from "../../emulator/server.mjs";
import { runBulkCreate } from "../../pkg/node.mjs";

const SALES = "66584aae-98bb-48cc-9458-7bee5d2a6577";

const emulators = [];

after(async () => {
  await Promise.all(emulators.map((emulator) => emulator.close()));
});

// Requests per second and bucket size of the throttled emulators: a token refills every 200 ms,
// which leaves the tests a wide margin over the time between two requests.
const RATE = 5;
const BURST = 5;

async function throttledEmulator() {
  const settings = { port: 0, apiPort: 0, quiet: true, rate: RATE, burst: BURST };
  const emulator = await startEmulator(settings);
  emulators.push(emulator);
  return emulator;
}

function rows(count) {
  return Array.from({ length: count }, (_, index) => ({
    displayName: `throttled ${index}`,
    catalogId: SALES,
  }));
}

async function state(emulator) {
  const response = await fetch(`${emulator.apiUrl}/_emulator/state`);
  return response.json();
}

// Wraps fetch, records every batch call with its item ids and throttled ids, and lets
// `rewrite(status, headers, text)` change the response that the runner reads.
function recordingFetch(rewrite = (status, headers, text) => ({ status, headers, text })) {
  const calls = [];
  const wrapped = async (url, init) => {
    const call = { method: init.method, startedAt: Date.now() };
    if (init.method === "POST") {
      call.ids = JSON.parse(init.body).requests.map((item) => item.id);
    }
    calls.push(call);
    const response = await fetch(url, init);
    const text = await response.text();
    call.endedAt = Date.now();
    call.status = response.status;
    call.throttledIds = throttledIds(call, response.status, text);
    const changed = rewrite(response.status, new Headers(response.headers), text);
    return new Response(changed.text, { status: changed.status, headers: changed.headers });
  };
  return { calls, fetch: wrapped };
}

function throttledIds(call, status, text) {
  if (call.method !== "POST") return [];
  if (status === 429) return call.ids;
  if (status !== 200) return [];
  return JSON.parse(text)
    .responses.filter((item) => item.status === 429)
    .map((item) => item.id);
}

// Returns, for each throttled id, the milliseconds from the 429 to the next call that sent it.
function resendGaps(calls) {
  const gaps = [];
  calls.forEach((call, index) => {
    for (const id of call.throttledIds ?? []) {
      const resend = calls.slice(index + 1).find((later) => later.ids?.includes(id));
      if (resend !== undefined) gaps.push(resend.startedAt - call.endedAt);
    }
  });
  return gaps;
}

function withoutRetryAfter(status, headers, text) {
  headers.delete("retry-after");
  const body = status === 200 ? JSON.parse(text) : {};
  if (!Array.isArray(body.responses)) return { status, headers, text };
  for (const item of body.responses) {
    for (const name of Object.keys(item.headers ?? {})) {
      if (name.toLowerCase() === "retry-after") delete item.headers[name];
    }
  }
  return { status, headers, text: JSON.stringify(body) };
}

// Spends the token's whole budget right before the first $batch, with GET items that create
// nothing, so that the runner's first batch is throttled whole.
function drainBeforeFirstBatch(emulator, next) {
  let drained = false;
  return async (url, init) => {
    if (init.method === "POST" && !drained) {
      drained = true;
      const item = (id) => ({ id: String(id), method: "GET", url: "/identityGovernance/entitlementManagement/catalogs" });
      const requests = Array.from({ length: BURST }, (_, id) => item(id));
      await fetch(`${emulator.apiUrl}/v1.0/$batch`, {
        method: "POST",
        headers: { Authorization: init.headers.Authorization, "Content-Type": "application/json" },
        body: JSON.stringify({ requests }),
      });
    }
    return next(url, init);
  };
}

const cases = [
  { name: "whole-batch 429", count: 4, drain: true },
  // One more row than the budget left after the catalog listing, so that items get 429s.
  { name: "item 429", count: BURST + 3, drain: false },
];

for (const { name, count, drain } of cases) {
  test(`${name} waits for Retry-After`, async () => {
    const emulator = await throttledEmulator();
    const recorder = recordingFetch();
    const inputs = rows(count);
    const fetchUsed = drain ? drainBeforeFirstBatch(emulator, recorder.fetch) : recorder.fetch;
    const results = await runBulkCreate(inputs, {
      baseUrl: emulator.apiUrl,
      accessToken: "retry-after",
      fetch: fetchUsed,
    });

    const [first] = recorder.calls.filter((call) => call.method === "POST");
    if (drain) {
      assert.equal(first.status, 429);
    } else {
      assert.equal(first.status, 200);
      assert.ok(first.throttledIds.length >= 3, `${first.throttledIds.length} items throttled`);
    }
    assert.ok(results.every((result) => result.status === "created"));
    assert.ok(results.some((result) => result.tries > 1));
    assert.ok(results.stats.retries > 0);
    const { packages, creates } = await state(emulator);
    assert.equal(packages.length, count);
    assert.equal(creates, count);

    const gaps = resendGaps(recorder.calls);
    assert.ok(gaps.length > 0);
    // The emulator's Retry-After is at least 1 second; timers may fire a little early.
    assert.ok(Math.min(...gaps) >= 950, `resent ${Math.min(...gaps)} ms after a 429`);
  });

  test(`${name} without Retry-After backs off`, async () => {
    const emulator = await throttledEmulator();
    const recorder = recordingFetch(withoutRetryAfter);
    const inputs = rows(count);
    const fetchUsed = drain ? drainBeforeFirstBatch(emulator, recorder.fetch) : recorder.fetch;
    const results = await runBulkCreate(inputs, {
      baseUrl: emulator.apiUrl,
      accessToken: "no-retry-after",
      fetch: fetchUsed,
      maxTries: 12,
      backoffBaseMs: 100,
      backoffMaxMs: 800,
    });

    assert.ok(results.every((result) => result.status === "created"));
    assert.equal((await state(emulator)).creates, count);
    const gaps = resendGaps(recorder.calls);
    assert.ok(gaps.length > 0);
    // The first backoff is 50 to 100 ms, well below the emulator's 1 second Retry-After.
    assert.ok(Math.min(...gaps) < 900, `first resend came ${Math.min(...gaps)} ms after a 429`);
    assert.ok(Math.min(...gaps) >= 40, `resent ${Math.min(...gaps)} ms after a 429`);
  });
}

test("429 on every try fails after maxThrottleRetries", async () => {
  const emulator = await throttledEmulator();
  const throttleBatches = async (url, init) => {
    if (init.method !== "POST") return fetch(url, init);
    const body = { error: { code: "TooManyRequests", message: "Too many requests." } };
    return Response.json(body, { status: 429, headers: { "Retry-After": "0" } });
  };
  const results = await runBulkCreate(rows(2), {
    baseUrl: emulator.apiUrl,
    accessToken: "always-throttled",
    fetch: throttleBatches,
    maxTries: 1,
    maxThrottleRetries: 2,
  });
  for (const result of results) {
    assert.equal(result.status, "failed");
    assert.equal(result.tries, 3);
    assert.equal(result.code, "TooManyRequests");
    assert.equal(result.error.status, 429);
  }
  assert.equal(results.stats.batchesSent, 3);
  assert.equal(results.stats.retries, 4);
  assert.equal((await state(emulator)).creates, 0);
});

test("progress reports the throttling wait", async () => {
  const emulator = await throttledEmulator();
  const reports = [];
  await runBulkCreate(rows(BURST + 3), {
    baseUrl: emulator.apiUrl,
    accessToken: "progress",
    onProgress: (progress) => reports.push(progress),
  });
  const waiting = reports.filter((progress) => progress.waiting > 0);
  assert.ok(waiting.length > 0, "no report while waiting");
  assert.ok(waiting.every((progress) => progress.waitSeconds >= 0 && progress.waitSeconds <= 1));
  assert.equal(reports.at(-1).created, BURST + 3);
  assert.equal(reports.at(-1).waiting, 0);
});
