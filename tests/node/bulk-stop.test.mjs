// runBulkCreate stopping early: the first 401 and cancellation through an AbortSignal. Every
// row must be accounted for once, and nothing may be sent after the stop.
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";

import { startEmulator } from "../../emulator/server.mjs";
import { runBulkCreate } from "../../pkg/node.mjs";

const SALES = "66584aae-98bb-48cc-9458-7bee5d2a6577";
const STATUSES = new Set(["created", "exists", "invalid", "failed", "not_sent"]);

let emulator;

before(async () => {
  emulator = await startEmulator({ port: 0, apiPort: 0, quiet: true, latencyMs: 20 });
});

after(async () => {
  await emulator?.close();
});

beforeEach(() => {
  emulator.reset();
});

function rows(count) {
  return Array.from({ length: count }, (_, index) => ({
    displayName: `stop ${index}`,
    catalogId: SALES,
  }));
}

function options(extra = {}) {
  return { baseUrl: emulator.apiUrl, accessToken: "test-token", ...extra };
}

async function state() {
  const response = await fetch(`${emulator.apiUrl}/_emulator/state`);
  return response.json();
}

function unauthorized() {
  const body = {
    error: {
      code: "InvalidAuthenticationToken",
      message: "Lifetime validation failed, the token is expired.",
    },
  };
  return Response.json(body, { status: 401 });
}

// Wraps fetch, records each call with its batch item rows, and answers the calls whose numbers
// (counted from 1) are in `unauthorizedCalls` with a 401.
function recordingFetch({ unauthorizedCalls = [], onCall } = {}) {
  const calls = [];
  const wrapped = async (url, init) => {
    const call = { method: init.method, at: Date.now(), rows: [] };
    if (init.method === "POST") {
      call.rows = JSON.parse(init.body).requests.map((item) => Number(item.id));
    }
    calls.push(call);
    onCall?.(call, calls.length);
    if (unauthorizedCalls.includes(calls.length)) {
      call.status = 401;
      return unauthorized();
    }
    const response = await fetch(url, init);
    call.status = response.status;
    return response;
  };
  return { calls, fetch: wrapped };
}

function assertAccountedFor(results, count) {
  assert.equal(results.length, count);
  results.forEach((result, row) => {
    assert.equal(result.row, row);
    assert.ok(STATUSES.has(result.status), `row ${row} has status ${result.status}`);
  });
}

test("first 401 stops the run", async () => {
  // The catalog listing, two batches, then a 401 on the third batch.
  const recorder = recordingFetch({ unauthorizedCalls: [4] });
  const results = await runBulkCreate(rows(100), options({ fetch: recorder.fetch, concurrency: 1 }));
  assertAccountedFor(results, 100);
  assert.equal(recorder.calls.length, 4, "a request went out after the 401");

  const byStatus = (status) => results.filter((result) => result.status === status).map((r) => r.row);
  assert.deepEqual(byStatus("created"), [...recorder.calls[1].rows, ...recorder.calls[2].rows]);
  assert.deepEqual(byStatus("failed"), recorder.calls[3].rows);
  assert.equal(byStatus("not_sent").length, 40);
  for (const result of results.filter((r) => r.status !== "created")) {
    assert.equal(result.code, "InvalidAuthenticationToken");
    assert.equal(result.error.status, 401);
    assert.match(result.hint, /token/);
  }
  assert.equal((await state()).creates, 40);
});

test("401 keeps in-flight results", async () => {
  // Three batches go out at once; the second is answered 401 while the others are in flight.
  const recorder = recordingFetch({ unauthorizedCalls: [3] });
  const inputs = rows(100);
  const results = await runBulkCreate(inputs, options({ fetch: recorder.fetch, concurrency: 3 }));
  assertAccountedFor(results, 100);
  const [, first, rejected, third, ...rest] = recorder.calls;
  assert.equal(rest.length, 0, "a request went out after the 401");
  for (const row of [...first.rows, ...third.rows]) {
    assert.equal(results[row].status, "created", `row ${row} was in flight`);
  }
  for (const row of rejected.rows) {
    assert.equal(results[row].status, "failed");
  }
  const notSent = results.filter((result) => result.status === "not_sent");
  assert.equal(notSent.length, 40);
  assert.ok(notSent.every((result) => result.tries === 0));
});

test("401 on the catalog listing sends nothing", async () => {
  const recorder = recordingFetch({ unauthorizedCalls: [1] });
  const results = await runBulkCreate(rows(5), options({ fetch: recorder.fetch }));
  assert.deepEqual(
    results.map((result) => result.status),
    Array(5).fill("not_sent"),
  );
  assert.equal(results[0].code, "InvalidAuthenticationToken");
  assert.equal(recorder.calls.length, 1);
  assert.equal((await state()).creates, 0);
});

test("abort between batches sends nothing more", async () => {
  const controller = new AbortController();
  let abortedAt;
  const recorder = recordingFetch();
  const onProgress = (progress) => {
    if (progress.created >= 40 && abortedAt === undefined) {
      abortedAt = Date.now();
      controller.abort();
    }
  };
  const results = await runBulkCreate(
    rows(100),
    options({ fetch: recorder.fetch, concurrency: 1, signal: controller.signal, onProgress }),
  );
  assertAccountedFor(results, 100);
  assert.ok(recorder.calls.every((call) => call.at <= abortedAt), "a request went out after the abort");
  const created = results.filter((result) => result.status === "created");
  const notSent = results.filter((result) => result.status === "not_sent");
  assert.equal(created.length, 40);
  assert.equal(notSent.length, 60);
  assert.ok(notSent.every((result) => result.code === "cancelled" && result.tries === 0));
  assert.equal((await state()).creates, 40);
});

test("abort in flight fails the batch as unknown", async () => {
  const controller = new AbortController();
  let abortedAt;
  const recorder = recordingFetch({
    onCall: (call, count) => {
      // Cancel while the second batch waits for the emulator's latency.
      if (count === 3) {
        abortedAt = Date.now();
        setTimeout(() => controller.abort(), 5);
      }
    },
  });
  const results = await runBulkCreate(
    rows(60),
    options({ fetch: recorder.fetch, concurrency: 1, signal: controller.signal }),
  );
  assertAccountedFor(results, 60);
  assert.equal(recorder.calls.length, 3, "a request went out after the abort");
  assert.ok(abortedAt !== undefined);
  for (const row of recorder.calls[1].rows) {
    assert.equal(results[row].status, "created");
  }
  for (const row of recorder.calls[2].rows) {
    assert.equal(results[row].status, "failed");
    assert.equal(results[row].code, "aborted");
    assert.match(results[row].hint, /look the package up by name/);
  }
  assert.equal(results.filter((result) => result.status === "not_sent").length, 20);
});

test("abort during a throttling wait ends it", async () => {
  const throttled = await startEmulator({ port: 0, apiPort: 0, quiet: true, rate: 1, burst: 3 });
  try {
    const controller = new AbortController();
    const onProgress = (progress) => {
      if (progress.waiting > 0) controller.abort();
    };
    const startedAt = Date.now();
    const results = await runBulkCreate(rows(10), {
      baseUrl: throttled.apiUrl,
      accessToken: "test-token",
      signal: controller.signal,
      onProgress,
    });
    assert.ok(Date.now() - startedAt < 900, "the run waited for Retry-After");
    assertAccountedFor(results, 10);
    const notSent = results.filter((result) => result.status === "not_sent");
    assert.ok(notSent.length > 0);
    assert.ok(notSent.some((result) => result.tries === 1), "no throttled row was reported");
    const created = results.filter((result) => result.status === "created").length;
    const stored = await (await fetch(`${throttled.apiUrl}/_emulator/state`)).json();
    assert.equal(stored.creates, created);
  } finally {
    await throttled.close();
  }
});

test("aborted signal sends nothing", async () => {
  const recorder = recordingFetch();
  const results = await runBulkCreate(
    [...rows(3), { displayName: "" }],
    options({ fetch: recorder.fetch, signal: AbortSignal.abort() }),
  );
  assert.deepEqual(
    results.map((result) => result.status),
    ["not_sent", "not_sent", "not_sent", "invalid"],
  );
  assert.equal(recorder.calls.length, 0);
});
