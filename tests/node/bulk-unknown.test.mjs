// runBulkCreate when a create's outcome is unknown: dropped connections, 503s after the store,
// timeouts, unreadable or incomplete 200s, and lists that lag. No create may be stored twice.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import { startEmulator } from "../../emulator/server.mjs";
import { runBulkCreate } from "../../pkg/node.mjs";

const SALES = "66584aae-98bb-48cc-9458-7bee5d2a6577";

const emulators = [];

after(async () => {
  await Promise.all(emulators.map((emulator) => emulator.close()));
});

async function emulatorWith(settings = {}) {
  const emulator = await startEmulator({ port: 0, apiPort: 0, quiet: true, seed: 3, ...settings });
  emulators.push(emulator);
  return emulator;
}

function rows(count, prefix = "unknown") {
  return Array.from({ length: count }, (_, index) => ({
    displayName: `${prefix} ${index}`,
    catalogId: SALES,
  }));
}

function options(emulator, extra = {}) {
  return { baseUrl: emulator.apiUrl, accessToken: "test-token", lookupDelayMs: 50, ...extra };
}

async function state(emulator) {
  const response = await fetch(`${emulator.apiUrl}/_emulator/state`);
  return response.json();
}

// Checks that every row is created, with the id stored under its name, and stored once.
async function assertCreatedOnce(emulator, inputs, results) {
  const { packages } = await state(emulator);
  const idsByName = new Map(packages.map((stored) => [stored.displayName, stored.id]));
  results.forEach((result, row) => {
    assert.equal(result.status, "created", `row ${row}: ${JSON.stringify(result)}`);
    assert.equal(result.id, idsByName.get(inputs[row].displayName), `row ${row}`);
  });
  assert.equal(packages.length, inputs.length);
  assert.equal(idsByName.size, inputs.length, "a name was stored twice");
}

// Wraps fetch so that `change(call, response)` may replace the answer to the nth $batch call
// (counted from 1) after the emulator has run it; other calls pass through.
function changeBatchAnswers(change) {
  let batchCalls = 0;
  return async (url, init) => {
    if (init.method !== "POST") return fetch(url, init);
    batchCalls += 1;
    const response = await fetch(url, init);
    return (await change(batchCalls, response)) ?? response;
  };
}

test("dropped responses are looked up, not resent", async () => {
  const emulator = await emulatorWith({ dropRate: 0.5 });
  const inputs = rows(100, "dropped");
  const results = await runBulkCreate(inputs, options(emulator));
  await assertCreatedOnce(emulator, inputs, results);
  assert.equal((await state(emulator)).creates, 100);
  assert.ok(results.stats.lookups > 1, "no lookup after a dropped response");
  assert.ok(results.every((result) => result.tries === 1));
});

test("503 after the store is looked up", async () => {
  const emulator = await emulatorWith({ failRate: 0.5, failRetryAfter: 0 });
  const inputs = rows(60, "failed");
  const results = await runBulkCreate(inputs, options(emulator));
  await assertCreatedOnce(emulator, inputs, results);
  assert.equal((await state(emulator)).creates, 60);
  assert.ok(results.stats.lookups > 1);
});

test("lagging list is looked up twice", async () => {
  // The first lookup comes 400 ms after the dropped response, before the list shows the rows.
  const emulator = await emulatorWith({ dropRate: 1, listLagMs: 600 });
  const inputs = rows(3, "lagging");
  const results = await runBulkCreate(inputs, options(emulator, { lookupDelayMs: 400 }));
  await assertCreatedOnce(emulator, inputs, results);
  assert.ok(results.every((result) => result.tries === 1));
  // The catalog listing, then two lookups of each row.
  assert.equal(results.stats.lookups, 1 + 2 * 3);
});

test("timed out batch is found by lookup", async () => {
  const emulator = await emulatorWith();
  const slowFirst = changeBatchAnswers(async (call, response) => {
    if (call === 1) await sleep(300);
    return response;
  });
  const inputs = rows(5, "timeout");
  const results = await runBulkCreate(inputs, options(emulator, { fetch: slowFirst, timeoutMs: 100 }));
  await assertCreatedOnce(emulator, inputs, results);
  assert.ok(results.every((result) => result.tries === 1));
  assert.equal(results.stats.batchesSent, 1);
});

test("unreadable 200 is found by lookup", async () => {
  const emulator = await emulatorWith();
  const htmlFirst = changeBatchAnswers((call) => {
    if (call !== 1) return undefined;
    return new Response("<html>proxy error</html>", {
      status: 200,
      headers: { "Content-Type": "text/html" },
    });
  });
  const inputs = rows(4, "html");
  const results = await runBulkCreate(inputs, options(emulator, { fetch: htmlFirst }));
  await assertCreatedOnce(emulator, inputs, results);
  assert.equal(results.stats.batchesSent, 1);
});

test("body that fails to read is found by lookup", async () => {
  const emulator = await emulatorWith();
  const brokenBody = changeBatchAnswers((call) => {
    if (call !== 1) return undefined;
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"responses": ['));
        controller.error(new Error("connection reset"));
      },
    });
    return new Response(stream, { status: 200 });
  });
  const inputs = rows(4, "reset");
  const results = await runBulkCreate(inputs, options(emulator, { fetch: brokenBody }));
  await assertCreatedOnce(emulator, inputs, results);
  assert.equal(results.stats.batchesSent, 1);
});

test("missing batch item is found by lookup", async () => {
  const emulator = await emulatorWith();
  const dropItem = changeBatchAnswers(async (call, response) => {
    const body = await response.json();
    body.responses = body.responses.filter((item) => item.id !== "2");
    return Response.json(body);
  });
  const inputs = rows(4, "missing");
  const results = await runBulkCreate(inputs, options(emulator, { fetch: dropItem }));
  await assertCreatedOnce(emulator, inputs, results);
  // The catalog listing, then one lookup of row 2 alone.
  assert.equal(results.stats.lookups, 2);
  assert.equal(results.stats.batchesSent, 1);
});

test("create never stored is resent once", async () => {
  const emulator = await emulatorWith();
  let batchCalls = 0;
  const failFirst = async (url, init) => {
    if (init.method === "POST" && (batchCalls += 1) === 1) {
      throw new TypeError("fetch failed");
    }
    return fetch(url, init);
  };
  const inputs = rows(3, "resent");
  const results = await runBulkCreate(inputs, options(emulator, { fetch: failFirst }));
  await assertCreatedOnce(emulator, inputs, results);
  assert.ok(results.every((result) => result.tries === 2));
  assert.equal(results.stats.retries, 3);
  assert.equal((await state(emulator)).creates, 3);
});

test("409 after an unknown outcome is created", async () => {
  const emulator = await emulatorWith();
  let batchCalls = 0;
  let hiddenLookups = 0;
  // The first batch is stored but its answer is lost, and the first two name lookups miss, as
  // with a list that lags more than the lookup delay; the resend then gets a 409.
  const lagging = async (url, init) => {
    if (init.method === "POST" && (batchCalls += 1) === 1) {
      await fetch(url, init);
      throw new TypeError("fetch failed");
    }
    if (init.method === "GET" && url.includes("$filter") && (hiddenLookups += 1) <= 2) {
      return Response.json({ value: [] });
    }
    return fetch(url, init);
  };
  const inputs = rows(1, "conflict");
  const results = await runBulkCreate(inputs, options(emulator, { fetch: lagging }));
  await assertCreatedOnce(emulator, inputs, results);
  assert.equal(results[0].tries, 2);
  assert.equal((await state(emulator)).creates, 1);
});

test("failed lookup fails the row without a resend", async () => {
  const emulator = await emulatorWith();
  let batchCalls = 0;
  const forbiddenLookups = async (url, init) => {
    if (init.method === "POST") {
      batchCalls += 1;
      await fetch(url, init);
      throw new TypeError("fetch failed");
    }
    if (url.includes("$filter")) {
      const body = { error: { code: "Forbidden", message: "Insufficient privileges." } };
      return Response.json(body, { status: 403 });
    }
    return fetch(url, init);
  };
  const results = await runBulkCreate(rows(2, "forbidden"), options(emulator, { fetch: forbiddenLookups }));
  for (const result of results) {
    assert.equal(result.status, "failed");
    assert.equal(result.code, "network_error");
    assert.match(result.hint, /look the package up by name/);
  }
  assert.equal(batchCalls, 1);
});
