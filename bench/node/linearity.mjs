// Runs case 4 at the row count given as the first argument, in a fresh Node process, and
// prints the timings and the size of the wasm instance's memory afterwards as JSON.
import { sinkValue } from "../lib/harness.mjs";
import { runLinearity } from "../lib/bulk.mjs";

// The glue keeps its instance private, so the instance is caught as the glue constructs it.
const instances = [];
WebAssembly.Instance = new Proxy(WebAssembly.Instance, {
  construct(target, args) {
    const instance = Reflect.construct(target, args);
    instances.push(instance);
    return instance;
  },
});

const lib = await import("../../pkg/node.mjs");
const rows = Number(process.argv[2]);
if (!Number.isInteger(rows) || rows <= 0) {
  throw new Error(`the row count must be a positive integer, got ${process.argv[2]}`);
}
const memoryBytesBefore = instances[0]?.exports.memory?.buffer.byteLength ?? null;
const result = runLinearity(lib, rows);
const memoryBytes = instances[0]?.exports.memory?.buffer.byteLength ?? null;
const output = { ...result, memoryBytesBefore, memoryBytes, sink: sinkValue() };
process.stdout.write(JSON.stringify(output));
