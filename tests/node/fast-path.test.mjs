// The package's string fast path against the object path: the same result for every case of
// tests/cases.json and for each input that JSON.stringify would render unfaithfully.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";

const require = createRequire(import.meta.url);
const wasm = require("../../pkg/node/graph_access_package.js");
const { createApi } = require("../../pkg/api.cjs");

const CATALOG = "66584aae-98bb-48cc-9458-7bee5d2a6577";
const cases = JSON.parse(readFileSync(new URL("../cases.json", import.meta.url), "utf8"));

/** Returns the api over bindings that count which path each call took. */
function countingApi() {
  const calls = { text: 0, object: 0 };
  const counted = { ...wasm };
  for (const [name, kind] of [
    ["validateAccessPackageText", "text"],
    ["buildCreateAccessPackageRequestText", "text"],
    ["validateAccessPackage", "object"],
    ["buildCreateAccessPackageRequest", "object"],
  ]) {
    counted[name] = (...args) => {
      calls[kind] += 1;
      return wasm[name](...args);
    };
  }
  return { api: createApi(counted), calls };
}

const hostile = {
  "function value": { displayName: "a", catalogId: CATALOG, description: () => "x" },
  "symbol value": { displayName: "a", catalogId: CATALOG, description: Symbol("x") },
  "bigint value": { displayName: "a", catalogId: CATALOG, isHidden: 1n },
  "undefined in array": { displayName: "a", catalogId: CATALOG, extra: [undefined] },
  "NaN value": { displayName: "a", catalogId: CATALOG, isHidden: NaN },
  "Infinity value": { displayName: "a", catalogId: CATALOG, isHidden: Infinity },
  "toJSON method": { displayName: "a", catalogId: CATALOG, toJSON: () => ({ displayName: "b" }) },
  "nested toJSON": { displayName: "a", catalog: { id: CATALOG, toJSON: () => "x" } },
  "Date value": { displayName: "a", catalogId: CATALOG, createdDateTime: new Date(0) },
  "lone surrogate": { displayName: "x\uD800", catalogId: CATALOG },
  "lone surrogate key": { displayName: "a", catalogId: CATALOG, "\uDC00": 1 },
  "symbol key": { displayName: "a", catalogId: CATALOG, [Symbol("s")]: 1 },
  "throwing getter": {
    displayName: "a",
    catalogId: CATALOG,
    get isHidden() {
      throw new Error("no");
    },
  },
  "throwing proxy": new Proxy({}, { ownKeys() { throw new Error("trap"); } }),
  "class instance": new (class Package { displayName = "a"; catalogId = CATALOG; })(),
  "undefined property": { displayName: "a", catalogId: CATALOG, description: undefined },
  "__proto__ key": JSON.parse(`{"displayName":"a","catalogId":"${CATALOG}","__proto__":{"x":1}}`),
  "null prototype": Object.assign(Object.create(null), { displayName: "a", catalogId: CATALOG }),
  "cyclic object": (() => {
    const o = { displayName: "a" };
    o.catalog = o;
    return o;
  })(),
};

test("json cases agree on both paths", () => {
  const { api, calls } = countingApi();
  for (const c of cases) {
    const options = { ...c.options, clientRequestId: "fixed" };
    assert.deepEqual(api.validateAccessPackage(c.input, c.options), wasm.validateAccessPackage(c.input, c.options), c.name);
    assert.deepEqual(
      api.buildCreateAccessPackageRequest(c.input, options),
      wasm.buildCreateAccessPackageRequest(c.input, options),
      c.name,
    );
  }
  assert.equal(calls.object, 0);
  assert.equal(calls.text, cases.length * 2);
});

test("hostile inputs agree and take the object path", () => {
  for (const [name, input] of Object.entries(hostile)) {
    const { api, calls } = countingApi();
    const fast = api.validateAccessPackage(input);
    assert.deepEqual(fast, wasm.validateAccessPackage(input), name);
    const built = api.buildCreateAccessPackageRequest(input, { clientRequestId: "fixed" });
    assert.deepEqual(built, wasm.buildCreateAccessPackageRequest(input, { clientRequestId: "fixed" }), name);
    const faithful = ["undefined property", "__proto__ key", "null prototype"].includes(name);
    assert.equal(calls.object, faithful ? 0 : 2, name);
  }
});

test("options with functions still take the fast path", () => {
  const { api, calls } = countingApi();
  const result = api.buildCreateAccessPackageRequest(
    { displayName: "a", catalogId: CATALOG },
    { fetch: () => {}, signal: new AbortController().signal, accessToken: "t" },
  );
  assert.equal(result.valid, true);
  assert.equal(result.request.headers.Authorization, "Bearer t");
  assert.match(result.request.headers["client-request-id"], /^[0-9a-f-]{36}$/);
  assert.equal(calls.text, 1);
});

test("bad options throw the same error on both paths", () => {
  const { api } = countingApi();
  for (const options of [{ apiVersion: "v2" }, { cloud: "Global" }, { strict: "yes" }]) {
    const expected = (() => {
      try {
        wasm.validateAccessPackage({}, options);
      } catch (error) {
        return error;
      }
    })();
    assert.throws(() => api.validateAccessPackage({}, options), (error) => {
      assert.equal(error.name, expected.name);
      assert.equal(error.code, expected.code);
      assert.equal(error.message, expected.message);
      return error instanceof Error;
    });
  }
});

test("every hostile value agrees on both paths, as input and as options", async () => {
  const { HOSTILE } = await import("./hostile-values.mjs");
  const { api } = countingApi();
  /** Returns the result, or the thrown error's name, code and message. */
  const settle = (call) => {
    try {
      return call();
    } catch (error) {
      return { thrown: [error.name, error.code, error.message] };
    }
  };
  const input = { displayName: "a", catalogId: CATALOG };
  for (const [name, make] of Object.entries(HOSTILE)) {
    assert.deepEqual(settle(() => api.validateAccessPackage(make())), settle(() => wasm.validateAccessPackage(make())), name);
    assert.deepEqual(settle(() => api.validateAccessPackage(input, make())), settle(() => wasm.validateAccessPackage(input, make())), `options: ${name}`);
    const fixed = () => ({ clientRequestId: "fixed" });
    assert.deepEqual(
      settle(() => api.buildCreateAccessPackageRequest(make(), fixed())),
      settle(() => wasm.buildCreateAccessPackageRequest(make(), fixed())),
      name,
    );
  }
});

test("batches from text agree on both paths", async () => {
  const { HOSTILE } = await import("./hostile-values.mjs");
  const { api } = countingApi();
  const settle = (call) => {
    try {
      return call();
    } catch (error) {
      return { thrown: [error.name, error.code, error.message] };
    }
  };
  const rows = Array.from({ length: 45 }, (_, i) => `"team ${i}, ""east""",${i % 2 ? "TRUE" : "no"},${CATALOG}`);
  const texts = [
    `displayName,isHidden,catalogId\n${rows.join("\r\n")}\n`,
    `\uFEFFdisplayName;catalog.id\nÉquipe 🚀;${CATALOG}\néquipe 🚀;${CATALOG}\nx\uD800;${CATALOG}\n`,
    `displayName,catalogId\n"open,${CATALOG}\n`,
    JSON.stringify([{ displayName: "a\nb", catalogId: CATALOG }, 1, { displayName: "c", catalogId: CATALOG }]),
    "",
  ];
  const formats = [{ format: "csv" }, { format: "json" }, { format: "xml" }, undefined];
  const options = [{ clientRequestId: "fixed" }, { clientRequestId: "fixed", apiVersion: "beta" }, { apiVersion: "v2" }];
  for (const text of texts) {
    for (const format of formats) {
      for (const option of options) {
        const label = JSON.stringify([text.slice(0, 40), format, option]);
        assert.deepEqual(
          settle(() => api.buildBatchRequestsFromText(text, format, option)),
          settle(() => wasm.buildBatchRequestsFromText(text, format, option)),
          label,
        );
      }
    }
  }
  const fixed = () => ({ clientRequestId: "fixed" });
  // Hostile options may carry no clientRequestId, so each batch gets a random one.
  const withoutIds = (result) => {
    for (const batch of result.batches ?? []) delete batch.request.headers["client-request-id"];
    return result;
  };
  for (const [name, make] of Object.entries(HOSTILE)) {
    for (const [where, call] of [
      ["text", (lib) => lib.buildBatchRequestsFromText(make(), { format: "csv" }, fixed())],
      ["format", (lib) => lib.buildBatchRequestsFromText(texts[0], make(), fixed())],
      ["options", (lib) => lib.buildBatchRequestsFromText(texts[0], { format: "csv" }, make())],
    ]) {
      assert.deepEqual(withoutIds(settle(() => call(api))), withoutIds(settle(() => call(wasm))), `${where}: ${name}`);
    }
  }
});
