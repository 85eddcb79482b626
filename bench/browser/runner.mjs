// Runs the browser side in headless Chromium: cases 1 to 4 and the cold loads, against the
// package served from pkg/ and the peers bundled by esbuild.
import path from "node:path";
import { fileURLToPath } from "node:url";

import { build } from "esbuild";
import { chromium } from "playwright-core";

import { startStaticServer } from "../server.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..", "..");

/** The number of fresh browser contexts whose first init() is timed. */
const COLD_LOADS = 15;

/** Flags for a headless run in a container that contacts no host of its own accord. */
const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** A whole run of cases can take a while on a loaded machine, so waits are long. */
const TIMEOUT_MS = 180_000;

async function bundleBench() {
  const result = await build({
    entryPoints: [path.join(here, "main.mjs")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    external: ["/pkg/*"],
    define: { "process.env.NODE_ENV": '"production"' },
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

/**
 * Opens `url` in a fresh context and runs `run(page)` there. A page error, a failed or
 * non-loopback request, or an HTTP error status ends the run at once with that failure.
 */
async function inPage(browser, url, run) {
  const context = await browser.newContext();
  let fail;
  const failed = new Promise((resolve, reject) => {
    fail = (message) => reject(new Error(`the Chromium run failed at ${url}: ${message}`));
  });
  failed.catch(() => {});
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    page.on("pageerror", (error) => fail(`page error: ${error.message}`));
    page.on("requestfailed", (request) => fail(`request failed: ${request.url()}`));
    page.on("request", (request) => {
      if (new URL(request.url()).hostname !== "127.0.0.1") {
        fail(`request to a host other than 127.0.0.1: ${request.url()}`);
      }
    });
    page.on("response", (response) => {
      if (response.status() >= 400) {
        fail(`HTTP ${response.status()} for ${response.url()}`);
      }
    });
    return await Promise.race([page.goto(url).then(() => run(page)), failed]);
  } finally {
    await context.close();
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Times the first init() in each of `COLD_LOADS` fresh contexts. */
async function timeColdLoads(browser, origin) {
  const loads = [];
  for (let i = 0; i < COLD_LOADS; i++) {
    loads.push(
      await inPage(browser, `${origin}/bench/cold.html`, async (page) => {
        await page.waitForFunction(() => window.coldLoad !== undefined);
        return page.evaluate(() => window.coldLoad);
      }),
    );
  }
  return {
    counted: loads.length,
    initMs: median(loads.map((load) => load.initMs)),
    sinceNavigationMs: median(loads.map((load) => load.sinceNavigationMs)),
    minInitMs: Math.min(...loads.map((load) => load.initMs)),
    maxInitMs: Math.max(...loads.map((load) => load.initMs)),
  };
}

/**
 * Runs every browser case. Resolves to the Chromium version, the case rows, the case 4
 * results at each of `rowCounts` and the cold loads.
 */
export async function runBrowser(rowCounts) {
  const bundle = await bundleBench();
  const server = await startStaticServer({
    mounts: { "/pkg/": path.join(root, "pkg"), "/bench/": here },
    files: { "/bundle/main.js": bundle },
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  try {
    const benchUrl = `${server.origin}/bench/index.html`;
    const evaluate = (page, fn, arg) =>
      page.waitForFunction(() => window.benchReady === true).then(() => page.evaluate(fn, arg));
    const cases = await inPage(browser, benchUrl, (page) =>
      evaluate(page, () => window.benchCases()),
    );
    const linearity = [];
    for (const rows of rowCounts) {
      linearity.push(
        await inPage(browser, benchUrl, (page) =>
          evaluate(page, (count) => window.benchLinearity(count), rows),
        ),
      );
    }
    const coldLoads = await timeColdLoads(browser, server.origin);
    return { version: browser.version(), rows: cases.rows, linearity, coldLoads };
  } finally {
    await browser.close();
    await server.close();
  }
}
