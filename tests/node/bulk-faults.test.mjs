// runBulkCreate against real sockets that fail: a refused port, connections reset before or
// in the middle of a response, a server that never responds, bodies that are not JSON or are cut
// short, 201 items without an id and items missing from the batch response. A fault proxy on
// 127.0.0.1 sits in front of the emulator and decides per request. Each row gets exactly one
// result with a clear error, and no name is stored twice.
import assert from "node:assert/strict";
import http from "node:http";
import { after, before, beforeEach, test } from "node:test";

import { startEmulator } from "../../emulator/server.mjs";
import { runBulkCreate } from "../../pkg/node.mjs";

const SALES = "66584aae-98bb-48cc-9458-7bee5d2a6577";

const LOOK_UP_HINT =
  "The create may have been stored, so look the package up by name before sending it again";

let emulator;
const proxies = [];

before(async () => {
  emulator = await startEmulator({ port: 0, apiPort: 0, quiet: true, seed: 11 });
});

after(async () => {
  await Promise.all(proxies.map((proxy) => proxy.close()));
  await emulator?.close();
});

beforeEach(() => {
  emulator.reset();
});

function rows(count, prefix) {
  return Array.from({ length: count }, (_, index) => ({
    displayName: `${prefix} ${index}`,
    catalogId: SALES,
  }));
}

// Short waits, so that each fault runs through every try and lookup in well under a second.
function options(baseUrl, extra = {}) {
  return {
    baseUrl,
    accessToken: "fault-token",
    maxTries: 3,
    lookupDelayMs: 10,
    backoffBaseMs: 5,
    backoffMaxMs: 20,
    timeoutMs: 2_000,
    ...extra,
  };
}

async function storedPackages() {
  const response = await fetch(`${emulator.apiUrl}/_emulator/state`);
  return (await response.json()).packages;
}

// Checks one result per input row, in row order, and no name stored twice.
async function assertNoLossNoDuplicate(inputs, results) {
  assert.equal(results.length, inputs.length);
  results.forEach((result, row) => assert.equal(result.row, row));
  const names = (await storedPackages()).map((stored) => stored.displayName);
  assert.equal(new Set(names).size, names.length, `a name was stored twice: ${names}`);
}

// Checks that every row failed with this error, after `tries` tries.
function assertAllFailed(results, { status, code, message, tries }) {
  for (const result of results) {
    const label = `row ${result.row}: ${JSON.stringify(result)}`;
    assert.equal(result.status, "failed", label);
    assert.equal(result.error.status, status, label);
    assert.equal(result.code, code, label);
    assert.equal(result.error.code, code, label);
    if (message !== undefined) assert.equal(result.message, message, label);
    assert.equal(result.tries, tries, label);
    assert.equal(result.id, undefined, label);
  }
}

// Checks that every row was created once, with the id the emulator stored under its name.
async function assertCreatedOnce(inputs, results) {
  const idsByName = new Map((await storedPackages()).map((stored) => [stored.displayName, stored.id]));
  results.forEach((result, row) => {
    assert.equal(result.status, "created", `row ${row}: ${JSON.stringify(result)}`);
    assert.equal(result.id, idsByName.get(inputs[row].displayName), `row ${row}`);
  });
  assert.equal(idsByName.size, inputs.length);
}

/**
 * Starts a proxy on 127.0.0.1 in front of the emulator. `handle(call, forward, res)` responds
 * to each request: `call` is { method, url, body }, `forward()` sends it to the emulator and
 * resolves to { status, headers, text }, and `res` is the proxy's response. When `handle`
 * returns a value, the proxy sends it as { status, headers, text }; when it returns undefined,
 * it has written to `res` itself, or left the request hanging.
 */
async function startProxy(handle) {
  const calls = [];
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const call = { method: req.method, url: req.url, body: Buffer.concat(chunks).toString() };
    calls.push(call);
    const forward = () => forwardToEmulator(req, call);
    const answer = await handle(call, forward, res);
    if (answer !== undefined) reply(res, answer);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const proxy = {
    url: `http://127.0.0.1:${server.address().port}`,
    calls,
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
  proxies.push(proxy);
  return proxy;
}

async function forwardToEmulator(req, call) {
  const headers = { ...req.headers };
  for (const name of ["host", "connection", "content-length"]) delete headers[name];
  const body = call.method === "GET" ? undefined : call.body;
  const response = await fetch(`${emulator.apiUrl}${call.url}`, { method: call.method, headers, body });
  return { status: response.status, headers: forwardedHeaders(response), text: await response.text() };
}

function forwardedHeaders(response) {
  const headers = {};
  for (const [name, value] of response.headers) {
    if (!["content-length", "transfer-encoding", "connection", "keep-alive"].includes(name)) {
      headers[name] = value;
    }
  }
  return headers;
}

function reply(res, { status, headers = {}, text }) {
  res.writeHead(status, { ...headers, "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

const isBatch = (call) => call.method === "POST" && call.url.endsWith("/$batch");
const isLookup = (call) => call.method === "GET" && call.url.includes("$filter");
const batchCalls = (proxy) => proxy.calls.filter(isBatch);

// Returns a port on 127.0.0.1 that nothing listens on.
async function closedPort() {
  const server = http.createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test("refused connection fails every row", async () => {
  const baseUrl = `http://127.0.0.1:${await closedPort()}`;
  const inputs = rows(3, "refused");
  const results = await runBulkCreate(inputs, options(baseUrl));
  await assertNoLossNoDuplicate(inputs, results);
  // The listing and the lookups fail too, so the outcome of the one try stays unknown.
  assertAllFailed(results, {
    status: 0,
    code: "network_error",
    message: `no response came from Graph: connect ECONNREFUSED ${baseUrl.slice(7)}`,
    tries: 1,
  });
  assert.equal(results[0].hint, LOOK_UP_HINT);
  assert.equal(results.stats.batchesSent, 1);
  assert.equal((await storedPackages()).length, 0);
});

test("reset before the store is resent", async () => {
  const proxy = await startProxy((call, forward, res) => {
    if (!isBatch(call)) return forward();
    res.socket.destroy();
    return undefined;
  });
  const inputs = rows(3, "reset early");
  const results = await runBulkCreate(inputs, options(proxy.url));
  await assertNoLossNoDuplicate(inputs, results);
  assertAllFailed(results, {
    status: 0,
    code: "network_error",
    message: "no response came from Graph: other side closed (UND_ERR_SOCKET)",
    tries: 3,
  });
  assert.equal(batchCalls(proxy).length, 3);
  assert.equal((await storedPackages()).length, 0);
});

test("reset mid-body after the store is looked up", async () => {
  const proxy = await startProxy(async (call, forward, res) => {
    const answer = await forward();
    if (!isBatch(call)) return answer;
    // Promise the whole body, send half of it, then drop the connection.
    const bytes = Buffer.from(answer.text);
    res.writeHead(answer.status, { ...answer.headers, "Content-Length": bytes.length });
    res.write(bytes.subarray(0, bytes.length >> 1), () => res.socket.destroy());
    return undefined;
  });
  const inputs = rows(4, "reset late");
  const results = await runBulkCreate(inputs, options(proxy.url));
  await assertNoLossNoDuplicate(inputs, results);
  await assertCreatedOnce(inputs, results);
  assert.ok(results.every((result) => result.tries === 1));
  assert.equal(batchCalls(proxy).length, 1);
});

test("stalled body times out, then found", async () => {
  const proxy = await startProxy(async (call, forward, res) => {
    const answer = await forward();
    if (!isBatch(call)) return answer;
    res.writeHead(answer.status, { ...answer.headers, "Content-Length": Buffer.byteLength(answer.text) });
    res.flushHeaders();
    return undefined;
  });
  const inputs = rows(3, "stalled body");
  const results = await runBulkCreate(inputs, options(proxy.url, { timeoutMs: 150 }));
  await assertNoLossNoDuplicate(inputs, results);
  await assertCreatedOnce(inputs, results);
  assert.ok(results.every((result) => result.tries === 1));
  assert.equal(batchCalls(proxy).length, 1);
});

test("silent server times out", async () => {
  const proxy = await startProxy(() => undefined);
  const inputs = rows(2, "silent");
  const results = await runBulkCreate(inputs, options(proxy.url, { timeoutMs: 100, maxTries: 2 }));
  await assertNoLossNoDuplicate(inputs, results);
  assertAllFailed(results, {
    status: 0,
    code: "timeout",
    message: "no response came from Graph within 100 ms",
    tries: 1,
  });
  assert.equal(results[0].hint, LOOK_UP_HINT);
  assert.equal(results[0].error.retryable, true);
  assert.equal(batchCalls(proxy).length, 1);
});

test("silent batch is resent", async () => {
  const proxy = await startProxy((call, forward) => (isBatch(call) ? undefined : forward()));
  const inputs = rows(2, "silent batch");
  const results = await runBulkCreate(inputs, options(proxy.url, { timeoutMs: 100 }));
  await assertNoLossNoDuplicate(inputs, results);
  assertAllFailed(results, {
    status: 0,
    code: "timeout",
    message: "no response came from Graph within 100 ms",
    tries: 3,
  });
  assert.equal(batchCalls(proxy).length, 3);
  // Before each resend the runner looked the names up twice and found none.
  assert.ok(proxy.calls.filter(isLookup).length >= 2 * 2 * inputs.length);
});

const notJson = [
  ["HTML 200", 200, "invalid_response_body"],
  ["empty 200", 200, "invalid_response_body"],
  ["HTML 502", 502, "invalid_response_body"],
];

for (const [name, status, code] of notJson) {
  test(`${name} to every batch fails`, async () => {
    const text = name.startsWith("empty") ? "" : "<html><body>Bad gateway</body></html>";
    const proxy = await startProxy((call, forward) => {
      if (!isBatch(call)) return forward();
      return { status, headers: { "Content-Type": "text/html" }, text };
    });
    const inputs = rows(3, name);
    const results = await runBulkCreate(inputs, options(proxy.url));
    await assertNoLossNoDuplicate(inputs, results);
    assertAllFailed(results, { status, code, tries: 3 });
    assert.equal(batchCalls(proxy).length, 3);
    assert.equal((await storedPackages()).length, 0);
  });
}

test("truncated 200 after the store is looked up", async () => {
  const proxy = await startProxy(async (call, forward) => {
    const answer = await forward();
    if (!isBatch(call)) return answer;
    return { ...answer, text: answer.text.slice(0, answer.text.length >> 1) };
  });
  const inputs = rows(5, "truncated");
  const results = await runBulkCreate(inputs, options(proxy.url));
  await assertNoLossNoDuplicate(inputs, results);
  await assertCreatedOnce(inputs, results);
  assert.ok(results.every((result) => result.tries === 1));
  assert.equal(batchCalls(proxy).length, 1);
});

test("truncated 200 never stored fails", async () => {
  const proxy = await startProxy((call, forward) => {
    if (!isBatch(call)) return forward();
    return { status: 200, headers: { "Content-Type": "application/json" }, text: '{"responses":[{"id":"0",' };
  });
  const inputs = rows(2, "truncated unstored");
  const results = await runBulkCreate(inputs, options(proxy.url));
  await assertNoLossNoDuplicate(inputs, results);
  assertAllFailed(results, {
    status: 200,
    code: "invalid_response_body",
    message: "the $batch response has no responses array",
    tries: 3,
  });
  assert.equal((await storedPackages()).length, 0);
});

test("201 items without an id are looked up", async () => {
  const proxy = await startProxy(async (call, forward) => {
    const answer = await forward();
    if (!isBatch(call)) return answer;
    const body = JSON.parse(answer.text);
    for (const item of body.responses) delete item.body.id;
    return { ...answer, text: JSON.stringify(body) };
  });
  const inputs = rows(3, "no id");
  const results = await runBulkCreate(inputs, options(proxy.url));
  await assertNoLossNoDuplicate(inputs, results);
  await assertCreatedOnce(inputs, results);
  assert.ok(results.every((result) => result.tries === 1));
  assert.equal(batchCalls(proxy).length, 1);
});

test("201 without an id, not found, fails", async () => {
  // The lookups fail with 503, so a create returned without its id cannot be confirmed.
  const proxy = await startProxy(async (call, forward) => {
    if (isLookup(call)) {
      const error = { error: { code: "ServiceUnavailable", message: "Try again later." } };
      return { status: 503, headers: { "Content-Type": "application/json" }, text: JSON.stringify(error) };
    }
    const answer = await forward();
    if (!isBatch(call)) return answer;
    const body = JSON.parse(answer.text);
    for (const item of body.responses) delete item.body.id;
    return { ...answer, text: JSON.stringify(body) };
  });
  const inputs = rows(2, "no id unconfirmed");
  const results = await runBulkCreate(inputs, options(proxy.url));
  await assertNoLossNoDuplicate(inputs, results);
  assertAllFailed(results, { status: 201, code: "invalid_response_body", tries: 1 });
  assert.equal(batchCalls(proxy).length, 1);
  assert.equal((await storedPackages()).length, 2);
});

test("missing item with failed lookups fails alone", async () => {
  const proxy = await startProxy(async (call, forward) => {
    if (isLookup(call)) {
      const error = { error: { code: "ServiceUnavailable", message: "Try again later." } };
      return { status: 503, headers: { "Content-Type": "application/json" }, text: JSON.stringify(error) };
    }
    const answer = await forward();
    if (!isBatch(call)) return answer;
    const body = JSON.parse(answer.text);
    body.responses = body.responses.filter((item) => item.id !== "1");
    return { ...answer, text: JSON.stringify(body) };
  });
  const inputs = rows(3, "missing");
  const results = await runBulkCreate(inputs, options(proxy.url));
  await assertNoLossNoDuplicate(inputs, results);
  const [first, missing, last] = results;
  assert.equal(first.status, "created");
  assert.equal(last.status, "created");
  assertAllFailed([missing], {
    status: 0,
    code: "missing_batch_item",
    message: "the $batch response has no item with id 1",
    tries: 1,
  });
  // Row 1 was stored although its answer was lost; it is reported, not sent again.
  assert.equal(batchCalls(proxy).length, 1);
  assert.equal((await storedPackages()).length, 3);
});

test("items with unknown ids fail", async () => {
  const proxy = await startProxy(async (call, forward) => {
    if (!isBatch(call)) return forward();
    const requests = JSON.parse(call.body).requests;
    const responses = requests.map((item) => ({ id: `x${item.id}`, status: 500, headers: {}, body: {} }));
    return { status: 200, headers: { "Content-Type": "application/json" }, text: JSON.stringify({ responses }) };
  });
  const inputs = rows(2, "unknown ids");
  const results = await runBulkCreate(inputs, options(proxy.url));
  await assertNoLossNoDuplicate(inputs, results);
  assertAllFailed(results, { status: 0, code: "missing_batch_item", tries: 3 });
  assert.equal(results[1].message, "the $batch response has no item with id 1");
  assert.equal((await storedPackages()).length, 0);
});

test("Retry-After of weeks waits without spinning", async () => {
  // setTimeout fires at once for delays above 2^31 - 1 ms and warns, which made the runner spin.
  const warnings = [];
  const onWarning = (warning) => warnings.push(warning.name);
  process.on("warning", onWarning);
  const proxy = await startProxy((call, forward) => {
    if (!isBatch(call)) return forward();
    const error = { error: { code: "TooManyRequests", message: "Too many requests." } };
    const headers = { "Content-Type": "application/json", "Retry-After": "4000000" };
    return { status: 429, headers, text: JSON.stringify(error) };
  });
  const controller = new AbortController();
  const inputs = rows(2, "long wait");
  const running = runBulkCreate(inputs, options(proxy.url, { signal: controller.signal }));
  // Cancels once the run is waiting: the throttled batch has been answered.
  while (batchCalls(proxy).length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  await new Promise((resolve) => setTimeout(resolve, 50));
  controller.abort();
  const results = await running;
  process.off("warning", onWarning);

  await assertNoLossNoDuplicate(inputs, results);
  assert.deepEqual(warnings, []);
  for (const result of results) {
    assert.equal(result.status, "not_sent");
    assert.equal(result.code, "cancelled");
    assert.equal(result.tries, 1);
  }
  assert.equal(batchCalls(proxy).length, 1);
});
