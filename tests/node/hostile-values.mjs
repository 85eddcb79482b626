// Hostile values for the package's functions. A function makes each one fresh, so that no call
// gets a value changed by an earlier call. hostile.test.mjs and fast-path.test.mjs use them.

export const CATALOG = "66584aae-98bb-48cc-9458-7bee5d2a6577";

/** Returns a Proxy whose every trap throws. */
function throwingProxy(target) {
  const handler = new Proxy(
    {},
    {
      get(_, trap) {
        return () => {
          throw new Error(`trap ${String(trap)}`);
        };
      },
    },
  );
  return new Proxy(target, handler);
}

/** Returns an object nested `depth` levels deep under the key "a", built without recursion. */
export function nested(depth) {
  let value = {};
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
}

/** Returns JSON text of `depth` nested arrays. */
export function nestedText(depth) {
  return "[".repeat(depth) + "]".repeat(depth);
}

/** Each hostile value by name, as a function returning a fresh one. */
export const HOSTILE = {
  null: () => null,
  undefined: () => undefined,
  zero: () => 0,
  NaN: () => NaN,
  "negative number": () => -1,
  "huge number": () => 1e308,
  "empty array": () => [],
  "array of numbers": () => [1, 2],
  string: () => "text",
  "empty string": () => "",
  function: () => () => 1,
  symbol: () => Symbol("s"),
  bigint: () => 10n,
  boolean: () => true,
  "throwing getter": () => ({
    catalogId: CATALOG,
    get displayName() {
      throw new Error("getter");
    },
  }),
  "proxy with throwing traps": () => throwingProxy({}),
  "array proxy with throwing traps": () => throwingProxy([]),
  "cyclic object": () => {
    const value = { displayName: "a", catalogId: CATALOG };
    value.self = value;
    return value;
  },
  "bigint field": () => ({ displayName: "a", catalogId: CATALOG, isHidden: 1n }),
  "symbol key and value": () => ({ displayName: "a", catalogId: CATALOG, [Symbol("k")]: Symbol("v") }),
  "__proto__ and constructor keys": () =>
    JSON.parse(`{"displayName":"a","catalogId":"${CATALOG}","__proto__":{"x":1},"constructor":"c"}`),
  "null prototype": () => Object.assign(Object.create(null), { displayName: "a", catalogId: CATALOG }),
  "10 MB displayName": () => ({ displayName: "x".repeat(10 * 1024 * 1024), catalogId: CATALOG }),
  "100,000 levels deep": () => nested(100_000),
  "100,000 levels deep text": () => nestedText(100_000),
  "sparse array of 2^32-1": () => {
    const value = [];
    value.length = 2 ** 32 - 1;
    return value;
  },
  "throwing toJSON": () => ({
    displayName: "a",
    catalogId: CATALOG,
    toJSON() {
      throw new Error("toJSON");
    },
  }),
  "throwing toString": () => ({
    toString() {
      throw new Error("toString");
    },
  }),
  "lone surrogate": () => "\uD800",
  Date: () => new Date(0),
  Map: () => new Map([["displayName", "a"]]),
  "typed array": () => new Uint8Array(4),
  "String object": () => new String("x"),
};
