// Writes docs/form-problems.png and docs/form-success.png: the form in headless Chromium,
// served by the local Graph emulator, first showing problems and then after a create. Then
// docs/form-zoom-200.png, a create at 200% zoom (a 1280-pixel window shows 640 CSS pixels),
// and docs/form-narrow.png, problems in a 375-pixel phone window.
//
//   node scripts/screenshots.mjs
//
// Chromium comes from CHROMIUM_PATH, or /usr/bin/chromium by default.

import { fileURLToPath } from "node:url";

import { startEmulator } from "../emulator/server.mjs";
import { launchChromium } from "../tests/browser/helpers.mjs";

const DOCS_DIRECTORY = new URL("../docs/", import.meta.url);
const VIEWPORT = { width: 1280, height: 900 };
const ZOOM_200_VIEWPORT = { width: 640, height: 900 };
const NARROW_VIEWPORT = { width: 375, height: 812 };
const SALES_CATALOG_LABEL = "Sales and Marketing (66584aae-98bb-48cc-9458-7bee5d2a6577)";

async function waitForLibrary(page) {
  await page.waitForFunction(() => !document.getElementById("send").disabled, null, { timeout: 10_000 });
}

async function captureProblems(page, webUrl, fileName = "form-problems.png") {
  await page.goto(webUrl);
  await waitForLibrary(page);
  await page.getByLabel("Access token").fill("test-token");
  await page.getByLabel("Display name").fill(" sales reps");
  await page.getByLabel("Description").fill("outside sales representatives");
  await page.getByLabel("Catalog ID").fill("HR");
  await page.getByRole("button", { name: "Send request" }).click();
  await page.locator("#problem-summary h2").waitFor();

  const path = fileURLToPath(new URL(fileName, DOCS_DIRECTORY));
  await page.screenshot({ path, fullPage: true });
  return path;
}

async function captureSuccess(page, webUrl, fileName = "form-success.png") {
  await page.goto(webUrl);
  await waitForLibrary(page);
  await page.getByLabel("Access token").fill("test-token");
  await page.getByRole("button", { name: "Load catalogs" }).click();
  await page.getByLabel("Loaded catalogs").waitFor();
  await page.getByLabel("Loaded catalogs").selectOption({ label: SALES_CATALOG_LABEL });
  await page.getByLabel("Display name").fill("sales reps");
  await page.getByLabel("Description").fill("outside sales representatives");
  await page.getByRole("button", { name: "Send request" }).click();
  await page.getByText("Created the access package").waitFor();

  const path = fileURLToPath(new URL(fileName, DOCS_DIRECTORY));
  await page.screenshot({ path, fullPage: true });
  return path;
}

async function captureZoomed(browser, webUrl) {
  const page = await browser.newPage({ viewport: ZOOM_200_VIEWPORT, deviceScaleFactor: 2 });
  const path = await captureSuccess(page, webUrl, "form-zoom-200.png");
  await page.close();
  return path;
}

async function captureNarrow(browser, webUrl) {
  const page = await browser.newPage({ viewport: NARROW_VIEWPORT });
  const path = await captureProblems(page, webUrl, "form-narrow.png");
  await page.close();
  return path;
}

const emulator = await startEmulator({ port: 0, apiPort: 0, quiet: true });
const browser = await launchChromium();

try {
  const page = await browser.newPage({ viewport: VIEWPORT });
  const webUrl = new URL("/", emulator.webUrl).href;
  console.log(`wrote ${await captureProblems(page, webUrl)}`);
  console.log(`wrote ${await captureSuccess(page, webUrl)}`);
  // The emulator keeps the package just created, and a second one of that name is a 409.
  emulator.reset();
  console.log(`wrote ${await captureZoomed(browser, webUrl)}`);
  console.log(`wrote ${await captureNarrow(browser, webUrl)}`);
} finally {
  await browser.close();
  await emulator.close();
}
