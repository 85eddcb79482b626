// The packed package bundled by esbuild, Vite and webpack into a page that calls the library
// without init(), served from loopback and run in headless Chromium: node --test tests/package/

import assert from "node:assert/strict";
import { copyFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";

import * as esbuild from "esbuild";
import { createServer as createViteServer, build as viteBuild } from "vite";
import webpack from "webpack";

import { isLoopbackUrl, launchChromium } from "../browser/helpers.mjs";
import { createProject, packPackage, serveFolder } from "./helpers.mjs";

const CATALOG = "66584aae-98bb-48cc-9458-7bee5d2a6577";

// The page's script. It calls the library at the top, before any init(), and records the
// results in window.report, or the failure in window.failure.
const MAIN = `
import init, {
  validateAccessPackage,
  buildCreateAccessPackageRequest,
  runBulkCreate,
  GraphAccessPackageError,
} from "graph-access-package";

const describe = (error) => ({
  isError: error instanceof Error,
  isPackageError: error instanceof GraphAccessPackageError,
  name: error.name,
  code: error.code,
  message: error.message,
});

try {
  const report = {};
  report.validation = validateAccessPackage({ displayName: "", catalogId: "HR" });
  const built = buildCreateAccessPackageRequest(
    { displayName: "sales reps", catalogId: "${CATALOG}" },
    { apiVersion: "beta", clientRequestId: "0b6b1d7e-6f3c-4f4e-9d55-8f1c1c9b2f10" },
  );
  report.body = built.request.body;
  try {
    validateAccessPackage({}, { cloud: "Global" });
  } catch (error) {
    report.wasmError = describe(error);
  }
  try {
    await runBulkCreate([], { concurrency: 0 });
  } catch (error) {
    report.bulkError = describe(error);
  }
  report.initAgain = typeof (await init());
  report.stillWorks = validateAccessPackage({ displayName: "a", catalogId: "${CATALOG}" }).valid;
  window.report = report;
} catch (error) {
  window.failure = String(error?.stack ?? error);
}
`;

const INDEX = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>bundled graph-access-package</title></head>
  <body><script type="module" src="./main.js"></script></body>
</html>
`;

let project;
let browser;
const cleanups = [];
const suite = { after: (cleanup) => cleanups.push(cleanup) };

before(async () => {
  const packed = await packPackage(suite);
  project = await createProject(suite, packed.tarball, { "main.js": MAIN, "index.html": INDEX });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await Promise.all(cleanups.map((cleanup) => cleanup()));
});

/** Builds the page with esbuild into `outdir`, with `loaders` for the .wasm import. */
function buildWithEsbuild(outdir, loaders) {
  return esbuild.build({
    absWorkingDir: project,
    entryPoints: ["main.js"],
    bundle: true,
    format: "esm",
    platform: "browser",
    outdir,
    loader: loaders,
    logLevel: "silent",
  });
}

/** Builds the page with webpack's defaults for production into `outDir`. */
function buildWithWebpack(outDir) {
  const compiler = webpack({
    mode: "production",
    context: project,
    entry: "./main.js",
    output: { path: outDir },
    performance: { hints: false },
  });
  return new Promise((resolve, reject) => {
    compiler.run((failure, stats) => {
      compiler.close(() => {});
      if (failure) reject(failure);
      else if (stats.hasErrors()) reject(new Error(stats.toString("errors-only")));
      else resolve(stats);
    });
  });
}

/** Opens the page served from `folder` by a static server; see openPage. */
async function runPage(t, folder) {
  return openPage(t, await serveFolder(t, folder));
}

/**
 * Opens the page at `origin`, aborting and recording every request to a host other than
 * loopback, and returns what the page recorded with those requests.
 */
async function openPage(t, origin) {
  const context = await browser.newContext();
  t.after(() => context.close());
  const offLoopback = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (isLoopbackUrl(url)) return route.continue();
    offLoopback.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(String(error)));
  await page.goto(`${origin}/`);
  const finished = () => window.report !== undefined || window.failure !== undefined;
  await page.waitForFunction(finished, null, { timeout: 15_000 });
  const { report, failure } = await page.evaluate(() => ({
    report: window.report,
    failure: window.failure,
  }));
  return { report, failure, offLoopback, pageErrors };
}

function checkReport({ report, failure, offLoopback, pageErrors }) {
  assert.equal(failure, undefined);
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(offLoopback, []);
  assert.equal(report.validation.valid, false);
  assert.deepEqual(
    report.validation.problems.map((problem) => `${problem.path}: ${problem.code}`),
    ["displayName: blank", "catalogId: catalog_name_not_id"],
  );
  assert.equal(report.body, `{"displayName":"sales reps","catalogId":"${CATALOG}"}`);
  assert.deepEqual(report.wasmError, {
    isError: true,
    isPackageError: true,
    name: "GraphAccessPackageError",
    code: "invalid_cloud",
    message:
      'options.cloud must be "global", "usGovernment", "usGovernmentDod" or "china", got "Global"',
  });
  assert.deepEqual(report.bulkError, {
    isError: true,
    isPackageError: true,
    name: "GraphAccessPackageError",
    code: "invalid_option",
    message: "options.concurrency must be an integer of at least 1, got 0",
  });
  assert.equal(report.initAgain, "undefined");
  assert.equal(report.stillWorks, true);
}

test("esbuild page runs without init", async (t) => {
  const outdir = path.join(project, "esbuild-dist");
  await buildWithEsbuild(outdir, { ".wasm": "file" });
  await copyFile(path.join(project, "index.html"), path.join(outdir, "index.html"));
  const emitted = await readdir(outdir);
  assert.equal(emitted.filter((name) => name.endsWith(".wasm")).length, 1, emitted.join(", "));
  checkReport(await runPage(t, outdir));
});

test("esbuild without the wasm loader names it", async () => {
  const outdir = path.join(project, "esbuild-no-loader");
  await assert.rejects(buildWithEsbuild(outdir, {}), (error) => {
    assert.match(error.message, /No loader is configured for "\.wasm" files/);
    return true;
  });
});

test("Vite page runs without init", async (t) => {
  const outDir = path.join(project, "vite-dist");
  await viteBuild({
    root: project,
    configFile: false,
    logLevel: "silent",
    build: { outDir, emptyOutDir: true },
  });
  const assets = await readdir(path.join(outDir, "assets"));
  assert.equal(assets.filter((name) => name.endsWith(".wasm")).length, 1, assets.join(", "));
  checkReport(await runPage(t, outDir));
});

test("Vite dev server page runs without init", async (t) => {
  const server = await createViteServer({
    root: project,
    configFile: false,
    logLevel: "silent",
    server: { host: "127.0.0.1", port: 0, strictPort: false },
  });
  t.after(() => server.close());
  await server.listen();
  const { port } = server.httpServer.address();
  checkReport(await openPage(t, `http://127.0.0.1:${port}`));
});

test("webpack page runs without init", async (t) => {
  const outDir = path.join(project, "webpack-dist");
  await buildWithWebpack(outDir);
  // webpack's default output is a classic script, so the page loads it without type="module".
  await writeFile(path.join(outDir, "index.html"), INDEX.replace(' type="module"', ""));
  const emitted = await readdir(outDir);
  assert.equal(emitted.filter((name) => name.endsWith(".wasm")).length, 1, emitted.join(", "));
  checkReport(await runPage(t, outDir));
});
