// The built package imported as a user would, through its package.json exports (Node ESM and
// CommonJS), sending the examples to the emulator and reading the answers.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { startEmulator } from "../../emulator/server.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const examples = path.resolve(root, "../shared/reference/examples");
const run = promisify(execFile);

let emulator;
let project;

before(async () => {
  emulator = await startEmulator({ port: 0, apiPort: 0, quiet: true });
  project = await mkdtemp(path.join(tmpdir(), "gap-user-"));
  await mkdir(path.join(project, "node_modules"));
  await symlink(path.join(root, "pkg"), path.join(project, "node_modules/graph-access-package"), "dir");
});

after(async () => {
  await emulator?.close();
  if (project) await rm(project, { recursive: true, force: true });
});

async function example(name) {
  return JSON.parse(await readFile(path.join(examples, name), "utf8"));
}

// Each script creates one package and prints what the package returned, as a user's script would.
const body = (importLine) => `${importLine}
const [input, apiVersion, baseUrl] = JSON.parse(process.argv[2]);
const options = { apiVersion, baseUrl, accessToken: "Bearer test-token" };
const built = buildCreateAccessPackageRequest(input, options);
if (!built.valid) { console.log(JSON.stringify(built)); process.exit(0); }
const response = await fetch(built.request.url, built.request);
const parsed = parseCreateAccessPackageResponse(response.status, response.headers, await response.text());
console.log(JSON.stringify({ request: built.request, status: response.status, parsed }));
`;

const scripts = {
  "esm.mjs": body(
    'import init, { buildCreateAccessPackageRequest, parseCreateAccessPackageResponse } from "graph-access-package";\nawait init();',
  ),
  "cjs.cjs": `(async () => {\n${body(
    'const { buildCreateAccessPackageRequest, parseCreateAccessPackageResponse } = require("graph-access-package");',
  )}})();`,
};

async function create(script, input, apiVersion) {
  const file = path.join(project, script);
  await writeFile(file, scripts[script]);
  const { stdout } = await run(process.execPath, [file, JSON.stringify([input, apiVersion, emulator.apiUrl])], {
    cwd: project,
  });
  return JSON.parse(stdout);
}

async function stored() {
  const response = await fetch(`${emulator.apiUrl}/_emulator/state`);
  return (await response.json()).packages;
}

for (const script of Object.keys(scripts)) {
  test(`${script} creates the v1.0 example`, async () => {
    await emulator.reset();
    const input = await example("v1.0-create-request.json");
    const result = await create(script, input, "v1.0");
    assert.deepEqual(JSON.parse(result.request.body), input);
    assert.equal(result.status, 201);
    assert.equal(result.parsed.ok, true);
    assert.equal(result.parsed.accessPackage.displayName, "sales reps");
    assert.match(result.parsed.accessPackage.id, /^[0-9a-f-]{36}$/);
    const packages = await stored();
    assert.equal(packages.length, 1);
    assert.equal(packages[0].catalogId, input.catalog.id);
  });

  test(`${script} creates the beta example`, async () => {
    await emulator.reset();
    const input = await example("beta-create-request.json");
    const result = await create(script, input, "beta");
    assert.deepEqual(JSON.parse(result.request.body), input);
    assert.equal(result.status, 201);
    assert.equal(result.parsed.accessPackage.catalogId, input.catalogId);
  });
}

test("same name twice gets 409 with a hint", async () => {
  await emulator.reset();
  const input = await example("v1.0-create-request.json");
  await create("esm.mjs", input, "v1.0");
  const second = await create("esm.mjs", input, "v1.0");
  assert.equal(second.status, 409);
  assert.equal(second.parsed.ok, false);
  assert.equal(second.parsed.error.code, "DuplicateAccessPackage");
  assert.match(second.parsed.error.hint, /already exists in the catalog/);
  assert.match(second.parsed.error.requestId, /^[0-9a-f-]{36}$/);
  assert.match(second.parsed.error.date, /Z$/);
  assert.equal(second.parsed.error.retryable, false);
  assert.equal((await stored()).length, 1);
});

test("seed example is refused before sending", async () => {
  await emulator.reset();
  const result = await create("cjs.cjs", await example("seed-example-request.json"), "beta");
  assert.equal(result.valid, false);
  const found = result.problems.map((p) => `${p.severity} ${p.code} ${p.path}`).sort();
  assert.deepEqual(found, [
    "error catalog_name_not_id catalogId",
    "error not_a_boolean isHidden",
    "error not_a_boolean isRoleScopesVisible",
    "warning read_only createdBy",
    "warning read_only modifiedBy",
  ]);
  assert.equal((await stored()).length, 0);
});

test("unknown catalog gets 404 with a hint", async () => {
  await emulator.reset();
  const input = { displayName: "x", catalogId: "12345678-1234-1234-1234-123456789abc" };
  const result = await create("esm.mjs", input, "beta");
  assert.equal(result.status, 404);
  assert.equal(result.parsed.error.code, "ResourceNotFound");
  assert.match(result.parsed.error.hint, /catalog does not exist/);
});
