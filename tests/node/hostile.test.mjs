// Hostile values passed to every exported function of the built package, in each argument.
// Each call returns a result or throws an Error with a code. No call traps the wasm module or
// overflows the JS stack, and a normal call afterwards still returns the right result.
import assert from "node:assert/strict";
import { test } from "node:test";

import * as api from "../../pkg/node.mjs";
import { CATALOG, HOSTILE, nestedText } from "./hostile-values.mjs";

/** The normal arguments of each function. The test puts each hostile value in each position. */
const NORMAL = {
  validateAccessPackage: [{ displayName: "a", catalogId: CATALOG }, undefined],
  buildCreateAccessPackageRequest: [{ displayName: "a", catalogId: CATALOG }, undefined],
  parseCreateAccessPackageResponse: [201, {}, `{"id":"p1"}`],
  buildAccessPackageLookupRequest: ["a", CATALOG, undefined],
  parseAccessPackageRows: ["displayName\na\n", { format: "csv" }],
  buildBatchRequests: [[{ displayName: "a", catalogId: CATALOG }], undefined],
  buildBatchRequestsFromText: [`displayName,catalogId\na,${CATALOG}\n`, { format: "csv" }, undefined],
  parseBatchResponse: [200, {}, `{"responses":[{"id":"0","status":201,"body":{"id":"p1"}}]}`, [0]],
};

/** Codes a thrown error may carry: bad arguments, and the lookup's own problem codes. */
const THROWN_CODES = new Set([
  "invalid_argument",
  "invalid_option",
  "invalid_options",
  "invalid_api_version",
  "invalid_cloud",
  "blank",
  "not_a_string",
  "invalid_unicode",
  "control_character",
  "not_a_guid",
  "guid_braces",
  "guid_urn_prefix",
  "guid_whitespace",
  "nil_guid",
  "catalog_name_not_id",
]);

/** Returns "throws <code>" or a short summary of the result's error problems. */
function outcome(call) {
  let result;
  try {
    result = call();
  } catch (error) {
    assert.ok(!(error instanceof WebAssembly.RuntimeError), `trap: ${error.message}`);
    assert.ok(!(error instanceof RangeError), `RangeError: ${error.message}`);
    assert.ok(error instanceof Error, `threw ${typeof error}`);
    assert.equal(error.name, "GraphAccessPackageError", error.message);
    assert.ok(THROWN_CODES.has(error.code), `code ${error.code}: ${error.message}`);
    return `throws ${error.code}`;
  }
  if (Array.isArray(result)) return `results ${result.map((r) => (r.ok ? "ok" : r.error.code))}`;
  if (result && "problems" in result) {
    const errors = result.problems.filter((p) => p.severity === "error");
    return `problems ${errors.map((p) => `${p.path}:${p.code}`).join(" ")}`.trim();
  }
  if (result && "ok" in result) return result.ok ? "ok" : `error ${result.error.code}`;
  return "request" in (result ?? {}) || "url" in (result ?? {}) ? "request" : typeof result;
}

/** Checks that the module still returns the exact result of normal calls. */
function assertStillWorks(context) {
  const built = api.buildCreateAccessPackageRequest(
    { displayName: "a", catalogId: CATALOG },
    { clientRequestId: "fixed" },
  );
  assert.equal(built.valid, true, context);
  assert.equal(built.request.body, `{"displayName":"a","catalog":{"id":"${CATALOG}"}}`, context);
  const rows = api.parseAccessPackageRows("displayName\na\nb\n", { format: "csv" });
  assert.equal(rows.rows.length, 2, context);
}

test("every function and argument survives every hostile value", () => {
  let calls = 0;
  for (const [name, args] of Object.entries(NORMAL)) {
    for (let position = 0; position < args.length; position++) {
      for (const [label, make] of Object.entries(HOSTILE)) {
        const call = [...args];
        call[position] = make();
        outcome(() => api[name](...call));
        assertStillWorks(`${name} argument ${position}: ${label}`);
        calls += 1;
      }
    }
  }
  const positions = Object.values(NORMAL).reduce((sum, args) => sum + args.length, 0);
  assert.equal(calls, positions * Object.keys(HOSTILE).length);
});

test("hostile inputs give exact problems", () => {
  const expected = {
    null: "problems :not_an_object",
    function: "problems :not_an_object",
    symbol: "problems :not_an_object",
    bigint: "problems :not_an_object",
    "throwing getter": "problems displayName:unreadable_property",
    "proxy with throwing traps": "problems :not_an_object",
    "cyclic object": "problems self:unknown_property",
    "bigint field": "problems isHidden:unsupported_value",
    "symbol key and value": 'problems ["Symbol(k)"]:unsupported_value',
    "__proto__ and constructor keys": "problems __proto__:unknown_property constructor:unknown_property",
    "null prototype": "problems",
    "10 MB displayName": "problems",
    "100,000 levels deep": "problems a:unknown_property displayName:required catalogId:required",
    "100,000 levels deep text": "problems :not_an_object",
    "sparse array of 2^32-1": "problems :not_an_object",
    "throwing toJSON": "problems toJSON:unsupported_value",
  };
  for (const [label, summary] of Object.entries(expected)) {
    assert.equal(outcome(() => api.validateAccessPackage(HOSTILE[label]())), summary, label);
    assert.equal(outcome(() => api.buildCreateAccessPackageRequest(HOSTILE[label]())), summary, label);
  }
  const sparse = HOSTILE["sparse array of 2^32-1"]();
  const result = api.validateAccessPackage({ displayName: sparse, catalogId: CATALOG });
  assert.deepEqual(result.problems.map((p) => [p.path, p.code]), [["displayName", "unsupported_value"]]);
});

test("hostile options and headers throw errors with codes", () => {
  const input = { displayName: "a", catalogId: CATALOG };
  for (const label of ["proxy with throwing traps", "string", "bigint", "function"]) {
    assert.equal(outcome(() => api.validateAccessPackage(input, HOSTILE[label]())), "throws invalid_options", label);
    assert.equal(outcome(() => api.buildCreateAccessPackageRequest(input, HOSTILE[label]())), "throws invalid_options", label);
  }
  for (const label of ["throwing getter", "proxy with throwing traps"]) {
    const headers = HOSTILE[label]();
    assert.equal(outcome(() => api.parseCreateAccessPackageResponse(201, headers, "{}")), "throws invalid_argument", label);
    assert.equal(outcome(() => api.parseBatchResponse(200, headers, "{}", [0])), "throws invalid_argument", label);
  }
  assert.equal(outcome(() => api.buildBatchRequests(HOSTILE["sparse array of 2^32-1"]())), "throws invalid_argument");
});

test("deep JSON text is a problem, not a stack overflow", () => {
  const deep = nestedText(100_000);
  assert.equal(outcome(() => api.parseAccessPackageRows(deep, { format: "json" })), "problems");
  const rows = api.parseAccessPackageRows(`[${deep}]`, { format: "json" });
  assert.equal(rows.rows.length, 1);
  assert.equal(outcome(() => api.parseCreateAccessPackageResponse(201, {}, deep)), "error invalid_response_body");
  const batch = api.buildBatchRequestsFromText(`[{"displayName":"a","catalogId":"${CATALOG}","x":${deep}}]`, { format: "json" });
  assert.deepEqual(batch.problems.map((p) => [p.row, p.path, p.code]), [[0, "x", "unknown_property"]]);
});

/** Returns the number of rows and of problems in a parseAccessPackageRows result. */
function summarizeRows(result) {
  return [result.rows.length, result.problems.length];
}

test("a million CSV rows are read and batched", () => {
  const lines = ["displayName,catalogId"];
  for (let row = 0; row < 1_000_000; row++) lines.push(`package ${row},${CATALOG}`);
  const text = lines.join("\n");
  // Each result is read and dropped before the next call, so that the million row objects
  // are not alive at once and the JS heap stays small.
  assert.deepEqual(summarizeRows(api.parseAccessPackageRows(text, { format: "csv" })), [1_000_000, 0]);
  const built = api.buildBatchRequestsFromText(text, { format: "csv" });
  assert.equal(built.batches.length, 50_000);
  assert.deepEqual(built.problems, []);
  assertStillWorks("after a million rows");
});
