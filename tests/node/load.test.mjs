// A short run of the benchmark's emulator load test: 10 clients for 3 s against the emulator in
// a child process. It checks what the load must not break, never how fast it went.
import assert from "node:assert/strict";
import { before, test } from "node:test";

import { runLoadTest } from "../../bench/load/index.mjs";

const CLIENTS = 10;
const SECONDS = 3;

let result;

before(async () => {
  result = await runLoadTest({ clients: CLIENTS, seconds: SECONDS });
});

test("load sends every kind of request", () => {
  for (const kind of result.kinds) {
    assert.ok(kind.count > 0, `no ${kind.kind} request was sent`);
  }
});

test("load gets a response to every request", () => {
  assert.equal(result.unanswered, 0, JSON.stringify(result.errors));
  assert.equal(result.counters.requests, result.requests);
});

test("load loses no acknowledged create", () => {
  assert.ok(result.creates > 0);
  assert.equal(result.store.lost, 0);
  assert.equal(result.store.unacknowledged, 0);
  assert.equal(result.store.packages, result.creates);
});

test("load stores no name twice", () => {
  assert.equal(result.store.duplicates, 0);
});
