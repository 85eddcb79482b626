// runBulkCreate from the built package against the emulator: batch sizes, reruns, taken names,
// invalid rows, progress and argument checks. Faults and stops are in the other bulk files.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { after, before, beforeEach, test } from "node:test";

import { startEmulator } from "../../emulator/server.mjs";
import { runBulkCreate } from "../../pkg/node.mjs";

const SALES = "66584aae-98bb-48cc-9458-7bee5d2a6577";
const FIELD = "aa2f6514-3232-46e7-a08a-2411ad8d7128";

let emulator;

before(async () => {
  emulator = await startEmulator({ port: 0, apiPort: 0, quiet: true, seed: 7 });
});

after(async () => {
  await emulator?.close();
});

beforeEach(() => {
  emulator.reset();
});

function rows(count, prefix = "package", catalogId = SALES) {
  return Array.from({ length: count }, (_, index) => ({
    displayName: `${prefix} ${index}`,
    catalogId,
  }));
}

function options(extra = {}) {
  return { baseUrl: emulator.apiUrl, accessToken: "test-token", ...extra };
}

async function state() {
  const response = await fetch(`${emulator.apiUrl}/_emulator/state`);
  return response.json();
}

function statuses(results) {
  return results.map((result) => result.status);
}

// Checks that every row was created once, under its own name, with the id Graph stored.
async function assertCreatedOnce(inputs, results) {
  const { packages } = await state();
  const byId = new Map(packages.map((stored) => [stored.id, stored]));
  assert.equal(results.length, inputs.length);
  results.forEach((result, row) => {
    assert.equal(result.row, row);
    assert.equal(result.status, "created", `row ${row}: ${JSON.stringify(result)}`);
    assert.equal(byId.get(result.id)?.displayName, inputs[row].displayName, `row ${row}`);
  });
  const names = packages.map((stored) => `${stored.catalogId}/${stored.displayName}`);
  assert.equal(new Set(names).size, names.length, "a name was stored twice");
  assert.equal(packages.length, inputs.length);
}

for (const [count, batches] of [
  [1, 1],
  [20, 1],
  [21, 2],
]) {
  test(`${count} rows go out in ${batches} batches`, async () => {
    const inputs = rows(count);
    const results = await runBulkCreate(inputs, options());
    await assertCreatedOnce(inputs, results);
    assert.equal(results.stats.batchesSent, batches);
    assert.equal(results.stats.retries, 0);
    assert.equal(results.stats.lookups, 1);
    assert.ok(results.every((result) => result.tries === 1));
  });
}

test("2,000 rows are all created once", async () => {
  const inputs = rows(2000);
  const results = await runBulkCreate(inputs, options({ concurrency: 8 }));
  await assertCreatedOnce(inputs, results);
  assert.equal((await state()).creates, 2000);
  assert.equal(results.stats.batchesSent, 100);
});

test("shuffled batch responses match their rows", async () => {
  const inputs = rows(20).map((input, index) => ({ ...input, description: `row ${index}` }));
  const results = await runBulkCreate(inputs, options());
  const { packages } = await state();
  const byId = new Map(packages.map((stored) => [stored.id, stored]));
  results.forEach((result, row) => {
    assert.equal(byId.get(result.id).description, `row ${row}`);
  });
});

test("rerun of the same rows sends nothing", async () => {
  const inputs = rows(45);
  const first = await runBulkCreate(inputs, options());
  const createsBefore = (await state()).creates;
  const second = await runBulkCreate(inputs, options());
  assert.deepEqual(statuses(second), inputs.map(() => "exists"));
  assert.deepEqual(
    second.map((result) => result.id),
    first.map((result) => result.id),
  );
  assert.ok(second.every((result) => result.tries === 0));
  assert.equal(second.stats.batchesSent, 0);
  assert.equal((await state()).creates, createsBefore);
});

test("rows of two catalogs list each catalog once", async () => {
  const inputs = [...rows(3, "sales"), ...rows(3, "field", FIELD)];
  const results = await runBulkCreate(inputs, options());
  await assertCreatedOnce(inputs, results);
  assert.equal(results.stats.lookups, 2);
});

test("beta rows are created through the beta batch", async () => {
  const inputs = rows(3, "beta");
  const results = await runBulkCreate(inputs, options({ apiVersion: "beta" }));
  await assertCreatedOnce(inputs, results);
});

test("name taken in another case is exists", async () => {
  const [existing] = await runBulkCreate([{ displayName: "Sales Reps", catalogId: SALES }], options());
  const inputs = [
    { displayName: "sales reps", catalogId: SALES },
    { displayName: "new one", catalogId: SALES },
  ];
  const results = await runBulkCreate(inputs, options());
  assert.equal(results[0].status, "exists");
  assert.equal(results[0].id, existing.id);
  assert.equal(results[0].tries, 1);
  assert.equal(results[1].status, "created");
});

test("409 on an unlisted name is exists with its id", async () => {
  const [existing] = await runBulkCreate([{ displayName: "hidden", catalogId: SALES }], options());
  // The catalog listing comes back empty, as a lagging list would, so the create gets a 409.
  const hideListing = async (url, init) => {
    if (init.method === "GET" && !url.includes("$filter")) {
      return Response.json({ value: [] });
    }
    return fetch(url, init);
  };
  const inputs = [
    { displayName: "hidden", catalogId: SALES },
    { displayName: "visible", catalogId: SALES },
  ];
  const results = await runBulkCreate(inputs, options({ fetch: hideListing }));
  assert.equal(results[0].status, "exists");
  assert.equal(results[0].id, existing.id);
  assert.equal(results[0].error, undefined);
  assert.equal(results[1].status, "created");
  assert.equal((await state()).packages.length, 2);
});

test("invalid rows are reported and never sent", async () => {
  const inputs = [
    { displayName: "good", catalogId: SALES },
    { displayName: "", catalogId: SALES },
    { displayName: "bad catalog", catalogId: "1234-5678" },
    { displayName: "GOOD ", catalogId: SALES },
  ];
  const results = await runBulkCreate(inputs, options());
  assert.deepEqual(statuses(results), ["created", "invalid", "invalid", "invalid"]);
  assert.equal(results[1].code, "blank");
  assert.equal(results[2].code, "not_a_guid");
  assert.equal(results[3].code, "duplicate_in_input");
  assert.ok(Array.isArray(results[2].error));
  assert.ok(results[2].error.every((problem) => problem.row === 2));
  assert.equal(results[2].tries, 0);
  const { packages } = await state();
  assert.deepEqual(
    packages.map((stored) => stored.displayName),
    ["good"],
  );
});

test("bad baseUrl makes every row invalid", async () => {
  const results = await runBulkCreate(rows(2), options({ baseUrl: "ftp://127.0.0.1" }));
  assert.deepEqual(statuses(results), ["invalid", "invalid"]);
  assert.equal(results[0].code, "invalid_base_url");
  assert.equal(results[0].error[0].path, "options.baseUrl");
});

test("progress counts every row", async () => {
  const reports = [];
  const inputs = [...rows(30), { displayName: "" }];
  await runBulkCreate(inputs, options({ onProgress: (progress) => reports.push(progress) }));
  assert.ok(reports.length >= 2);
  const last = reports.at(-1);
  assert.deepEqual(last, {
    done: 31,
    created: 30,
    exists: 0,
    failed: 0,
    invalid: 1,
    notSent: 0,
    waiting: 0,
    waitSeconds: 0,
    total: 31,
  });
  for (let index = 1; index < reports.length; index += 1) {
    assert.ok(reports[index].done >= reports[index - 1].done, "done went down");
  }
});

test("stats are not enumerable", async () => {
  const results = await runBulkCreate(rows(1), options());
  assert.deepEqual(Object.keys(results), ["0"]);
  assert.deepEqual(Object.keys(results.stats).sort(), ["batchesSent", "lookups", "retries"]);
  assert.equal(JSON.parse(JSON.stringify(results)).length, 1);
});

test("no rows sends nothing", async () => {
  let calls = 0;
  const counting = (url, init) => {
    calls += 1;
    return fetch(url, init);
  };
  const results = await runBulkCreate([], options({ fetch: counting }));
  assert.deepEqual(results, []);
  assert.equal(calls, 0);
});

test("bad arguments throw with a code", async () => {
  await assert.rejects(runBulkCreate("rows", options()), { code: "invalid_argument" });
  await assert.rejects(runBulkCreate([], options({ concurrency: 0 })), {
    code: "invalid_option",
    message: "options.concurrency must be an integer of at least 1, got 0",
  });
  await assert.rejects(runBulkCreate([], options({ fetch: "no" })), { code: "invalid_option" });
  await assert.rejects(runBulkCreate(rows(1), options({ apiVersion: "v2" })), (error) => {
    assert.equal(error.name, "GraphAccessPackageError");
    return true;
  });
});

test("CommonJS entry runs a bulk create", async () => {
  const require = createRequire(import.meta.url);
  const commonjs = require("../../pkg/node.cjs");
  const inputs = rows(2, "commonjs");
  const results = await commonjs.runBulkCreate(inputs, options());
  await assertCreatedOnce(inputs, results);
});
