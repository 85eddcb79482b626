// Times one cold load of pkg/node.cjs in this fresh process and prints it as JSON: the whole
// require (reading the file, compiling, instantiating, starting, running the glue), and the
// compile and instantiate steps inside it.
const path = require("node:path");

const steps = { compileMs: 0, instantiateMs: 0 };

function timed(Constructor, key) {
  return new Proxy(Constructor, {
    construct(target, args) {
      const start = performance.now();
      const made = Reflect.construct(target, args);
      steps[key] += performance.now() - start;
      return made;
    },
  });
}

WebAssembly.Module = timed(WebAssembly.Module, "compileMs");
WebAssembly.Instance = timed(WebAssembly.Instance, "instantiateMs");

const start = performance.now();
require(path.join(__dirname, "..", "..", "pkg", "node.cjs"));
const requireMs = performance.now() - start;
process.stdout.write(JSON.stringify({ requireMs, ...steps }));
