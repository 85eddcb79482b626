// The packed tarball installed into a fresh project and loaded from Node, by ESM import and by
// CommonJS require, as a user of the published package would: node --test tests/package/

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";

import { createProject, packPackage, runNode } from "./helpers.mjs";

const CATALOG = "66584aae-98bb-48cc-9458-7bee5d2a6577";

/** Every named export of the package, with its `typeof`. */
const EXPORTS = {
  validateAccessPackage: "function",
  buildCreateAccessPackageRequest: "function",
  parseCreateAccessPackageResponse: "function",
  buildAccessPackageLookupRequest: "function",
  parseAccessPackageRows: "function",
  buildBatchRequests: "function",
  buildBatchRequestsFromText: "function",
  parseBatchResponse: "function",
  runBulkCreate: "function",
  GraphAccessPackageError: "function",
  default: "function",
};

// The body of both scripts: it exercises the package through `lib` and prints a JSON report.
const CHECKS = `
const report = { types: {} };
for (const name of ${JSON.stringify(Object.keys(EXPORTS))}) report.types[name] = typeof lib[name];
report.initResults = [await lib.default(), await lib.default()].map((value) => typeof value);
report.validation = lib.validateAccessPackage({ displayName: "", catalogId: "HR" });
const built = lib.buildCreateAccessPackageRequest(
  { displayName: "sales reps", catalogId: "${CATALOG}" },
  { clientRequestId: "0b6b1d7e-6f3c-4f4e-9d55-8f1c1c9b2f10" },
);
report.request = built.request;
const describe = (error) => ({
  isError: error instanceof Error,
  isPackageError: error instanceof lib.GraphAccessPackageError,
  name: error.name,
  code: error.code,
  path: error.path,
  message: error.message,
});
try {
  lib.validateAccessPackage({}, { apiVersion: "v2" });
} catch (error) {
  report.wasmError = describe(error);
}
try {
  lib.buildAccessPackageLookupRequest("sales reps", "1234");
} catch (error) {
  report.lookupError = describe(error);
}
try {
  await lib.runBulkCreate("rows");
} catch (error) {
  report.bulkError = describe(error);
}
const own = new lib.GraphAccessPackageError("invalid_option", "made by the test");
report.ownError = describe(own);
report.plainError = new Error("other") instanceof lib.GraphAccessPackageError;
console.log(JSON.stringify(report));
`;

const FILES = {
  "esm.mjs": `import * as lib from "graph-access-package";\n${CHECKS}`,
  "cjs.cjs": `const lib = require("graph-access-package");\n(async () => {\n${CHECKS}\n})();`,
  "same.mjs": `import { createRequire } from "node:module";
import * as esm from "graph-access-package";
const cjs = createRequire(import.meta.url)("graph-access-package");
console.log(JSON.stringify({
  sameFunction: esm.validateAccessPackage === cjs.validateAccessPackage,
  sameClass: esm.GraphAccessPackageError === cjs.GraphAccessPackageError,
}));
`,
};

let packed;
let project;
const cleanups = [];
const suite = { after: (cleanup) => cleanups.push(cleanup) };

before(async () => {
  packed = await packPackage(suite);
  project = await createProject(suite, packed.tarball, FILES);
});

after(() => Promise.all(cleanups.map((cleanup) => cleanup())));

async function installedManifest() {
  const file = path.join(project, "node_modules/graph-access-package/package.json");
  return JSON.parse(await readFile(file, "utf8"));
}

test("tarball holds the entry points and docs", () => {
  const expected = [
    "CHANGELOG.md",
    "LICENSE",
    "README.md",
    "browser.js",
    "bundler.js",
    "errors.cjs",
    "errors.js",
    "index.d.cts",
    "index.d.ts",
    "node.cjs",
    "node.mjs",
    "node/graph_access_package.d.ts",
    "node/graph_access_package_bg.wasm",
    "package.json",
    "web/graph_access_package.d.ts",
    "web/graph_access_package_bg.wasm",
    "webpack.js",
  ];
  for (const file of expected) {
    assert.ok(packed.files.includes(file), `${file} is missing from the tarball`);
  }
});

test("manifest has the published fields", async () => {
  const manifest = await installedManifest();
  assert.match(manifest.version, /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
  assert.equal(manifest.license, "MIT");
  assert.equal(manifest.repository.type, "git");
  assert.match(manifest.engines.node, /^>=\d+/);
  assert.deepEqual(manifest.sideEffects, ["./bundler.js", "./webpack.js"]);
});

/** Yields every object inside `value`, with its JSON path. */
function* objects(value, where) {
  if (value === null || typeof value !== "object") return;
  yield [where, value];
  for (const [key, item] of Object.entries(value)) yield* objects(item, `${where}.${key}`);
}

test("exports list types first in each block", async () => {
  const manifest = await installedManifest();
  let leafBlocks = 0;
  for (const [where, block] of objects(manifest.exports["."], "exports[.]")) {
    const targets = Object.values(block).filter((target) => typeof target === "string");
    if (targets.length === 0) continue;
    leafBlocks += 1;
    assert.equal(Object.keys(block)[0], "types", `${where} must list "types" first`);
  }
  assert.ok(leafBlocks >= 4, `expected at least 4 blocks with targets, found ${leafBlocks}`);
});

test("exports name only packed files", async () => {
  const manifest = await installedManifest();
  const targets = [manifest.main, manifest.module, manifest.types, ...manifest.sideEffects];
  for (const [, block] of objects(manifest.exports, "exports")) {
    targets.push(...Object.values(block).filter((target) => typeof target === "string"));
  }
  assert.ok(targets.length > 10, `expected more than 10 targets, found ${targets.length}`);
  for (const target of targets) {
    assert.ok(packed.files.includes(target.replace(/^\.\//, "")), `${target} is not packed`);
  }
});

for (const script of ["esm.mjs", "cjs.cjs"]) {
  test(`${script} loads every export`, async () => {
    const report = JSON.parse(await runNode(project, script));
    assert.deepEqual(report.types, EXPORTS);
    assert.deepEqual(report.initResults, ["undefined", "undefined"]);
  });

  test(`${script} validates and builds`, async () => {
    const report = JSON.parse(await runNode(project, script));
    assert.equal(report.validation.valid, false);
    assert.deepEqual(report.validation.problems[0], {
      path: "displayName",
      code: "blank",
      message: "displayName must not be blank, got an empty or whitespace-only string",
      severity: "error",
    });
    assert.equal(report.request.method, "POST");
    assert.equal(
      report.request.url,
      "https://graph.microsoft.com/v1.0/identityGovernance/entitlementManagement/accessPackages",
    );
    assert.equal(report.request.body, `{"displayName":"sales reps","catalog":{"id":"${CATALOG}"}}`);
  });

  test(`${script} throws GraphAccessPackageError`, async () => {
    const report = JSON.parse(await runNode(project, script));
    assert.deepEqual(report.wasmError, {
      isError: true,
      isPackageError: true,
      name: "GraphAccessPackageError",
      code: "invalid_api_version",
      message: 'options.apiVersion must be "v1.0" or "beta", got "v2"',
    });
    assert.deepEqual(report.lookupError, {
      isError: true,
      isPackageError: true,
      name: "GraphAccessPackageError",
      code: "not_a_guid",
      path: "catalogId",
      message: 'catalogId must be a GUID like 8-4-4-4-12 hex digits, got "1234"',
    });
    assert.deepEqual(report.bulkError, {
      isError: true,
      isPackageError: true,
      name: "GraphAccessPackageError",
      code: "invalid_argument",
      message: "inputs must be an array of access packages",
    });
    assert.deepEqual(report.ownError, {
      isError: true,
      isPackageError: true,
      name: "GraphAccessPackageError",
      code: "invalid_option",
      message: "made by the test",
    });
    assert.equal(report.plainError, false);
  });
}

test("ESM and CommonJS share one instance", async () => {
  const report = JSON.parse(await runNode(project, "same.mjs"));
  assert.deepEqual(report, { sameFunction: true, sameClass: true });
});
