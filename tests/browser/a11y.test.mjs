// Audits every state of the page with axe-core in headless Chromium: empty, problems showing,
// sending, created, a Graph error, and the bulk tab with problems and after a run. Also checks
// that a failed submit moves focus to the error summary and that the page fits a narrow
// window and 200% zoom without sideways scrolling.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { after, before, beforeEach, test } from "node:test";

import { startEmulator } from "../../emulator/server.mjs";
import { launchChromium, openForm, waitForText } from "./helpers.mjs";

const TOKEN = "test-token";
const SALES_CATALOG_ID = "66584aae-98bb-48cc-9458-7bee5d2a6577";

// Long enough for an audit to finish while the create request is still on its way.
const SLOW_LATENCY_MS = 8_000;

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");

let emulator;
let browser;

before(async () => {
  emulator = await startEmulator({ port: 0, apiPort: 0, quiet: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await emulator?.close();
});

beforeEach(async () => {
  await emulator.reset();
});

/**
 * Runs axe on the whole page and returns one line per violation and node, empty when the
 * page passes. Playwright evaluates the source outside the page's Content-Security-Policy.
 */
async function audit(page) {
  const injected = await page.evaluate(() => typeof window.axe === "object");
  if (!injected) {
    await page.evaluate(AXE_SOURCE);
  }
  const violations = await page.evaluate(async () => {
    const results = await window.axe.run(document, { resultTypes: ["violations"] });
    return results.violations;
  });
  return violations.flatMap((violation) => violation.nodes.map(
    (node) => `${violation.id} (${violation.impact}): ${node.target.join(" ")}: ${node.failureSummary}`,
  ));
}

async function assertNoViolations(page, state) {
  const violations = await audit(page);
  assert.deepEqual(violations, [], `axe found violations with ${state}`);
}

function resultText(page) {
  return () => page.getByRole("region", { name: "Result" }).innerText();
}

async function fillValid(page, displayName) {
  await page.getByLabel("Access token").fill(TOKEN);
  await page.getByLabel("Display name").fill(displayName);
  await page.getByLabel("Catalog ID").fill(SALES_CATALOG_ID);
}

test("empty form passes axe", async (t) => {
  const { page } = await openForm(t, browser, emulator.webUrl);
  await assertNoViolations(page, "the empty form");
});

test("problems and summary pass axe", async (t) => {
  const { page } = await openForm(t, browser, emulator.webUrl);
  await page.getByLabel("Display name").fill(" ");
  await page.getByLabel("Catalog ID").fill("HR");
  await page.getByLabel("Access token").fill("not.a.jwt");
  await page.getByRole("button", { name: "Send request" }).click();
  await waitForText(() => page.locator("#problem-summary").innerText(), "Fix these");
  await assertNoViolations(page, "problems showing");
});

test("failed submit focuses linked summary", async (t) => {
  const { page } = await openForm(t, browser, emulator.webUrl);
  await page.getByLabel("Catalog ID").fill("{HR}");
  await page.getByRole("button", { name: "Send request" }).click();
  const summary = page.locator("#problem-summary");
  await waitForText(() => summary.innerText(), "Fix these");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "problem-summary");

  const links = await summary.locator("a").evaluateAll((anchors) => anchors.map((anchor) => ({
    text: anchor.textContent,
    target: anchor.getAttribute("href").slice(1),
  })));
  const errorCount = await page.locator("#package-form .problem-error").count();
  assert.equal(links.length, errorCount);
  assert.ok(links.length >= 2, JSON.stringify(links));

  for (const [index, link] of links.entries()) {
    const control = page.locator(`#${link.target}`);
    assert.equal(await control.getAttribute("aria-invalid"), "true", link.target);
    await summary.locator("a").nth(index).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), link.target, link.text);
  }
});

test("sending and created pass axe", async (t) => {
  const slow = await startEmulator({ port: 0, apiPort: 0, quiet: true, latencyMs: SLOW_LATENCY_MS });
  t.after(() => slow.close());
  const { page } = await openForm(t, browser, slow.webUrl);
  await fillValid(page, "sales reps");
  await page.getByRole("button", { name: "Send request" }).click();
  await waitForText(resultText(page), "Sending to");
  await assertNoViolations(page, "a request on its way");
  const stillSending = await resultText(page)();
  assert.match(stillSending, /Sending to/, `the response came before the audit ended; raise SLOW_LATENCY_MS`);

  await waitForText(resultText(page), "Created the access package", SLOW_LATENCY_MS * 2);
  await assertNoViolations(page, "a created package and its history entry");
});

test("Graph error passes axe", async (t) => {
  const { page } = await openForm(t, browser, emulator.webUrl);
  await fillValid(page, "sales reps");
  const send = page.getByRole("button", { name: "Send request" });
  await send.click();
  await waitForText(resultText(page), "Created the access package");
  await send.click();
  await waitForText(resultText(page), "HTTP 409");
  await assertNoViolations(page, "a 409 from Graph");
});

test("copy fallback passes axe", async (t) => {
  const { page } = await openForm(t, browser, emulator.webUrl);
  await fillValid(page, "sales reps");
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException("blocked", "NotAllowedError"));
  });
  await page.getByRole("button", { name: "PowerShell: Invoke-MgGraphRequest" }).click();
  await page.getByLabel("Text to copy").waitFor();
  await assertNoViolations(page, "the copy fallback text");
});

async function openBulkTab(page) {
  await page.getByLabel("Access token").fill(TOKEN);
  await page.getByRole("tab", { name: "Bulk create" }).click();
  await page.waitForFunction(() => !document.getElementById("bulk-file").disabled, null, { timeout: 10_000 });
}

test("bulk tab passes axe", async (t) => {
  const { page } = await openForm(t, browser, emulator.webUrl);
  await openBulkTab(page);
  await assertNoViolations(page, "the bulk tab before a file");

  const csv = [
    "displayName,description,catalogId,isHidden",
    `bulk one,first,${SALES_CATALOG_ID},false`,
    ",no name,HR,maybe",
    `bulk two,second,${SALES_CATALOG_ID},true`,
  ].join("\n");
  await page.getByLabel("CSV or JSON file").setInputFiles({
    name: "rows.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv),
  });
  await waitForText(() => page.locator("#bulk-file-status").innerText(), "Read rows.csv");
  await waitForText(() => page.locator("#bulk-problems").innerText(), "catalogId");
  await assertNoViolations(page, "bulk rows with problems");

  await page.getByRole("button", { name: "Send 2 rows" }).click();
  await waitForText(() => page.locator("#bulk-results-summary").innerText(), "2 created");
  await assertNoViolations(page, "bulk results");
});

/** Returns how far the page scrolls sideways, in CSS pixels: 0 when it fits the window. */
function sidewaysOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

// 640 CSS pixels is a 1280-pixel window at 200% zoom, and 375 is a small phone.
for (const width of [640, 375]) {
  test(`form fits ${width} pixels wide`, async (t) => {
    const { page } = await openForm(t, browser, emulator.webUrl);
    await page.setViewportSize({ width, height: 800 });
    await fillValid(page, "a package name long enough to wrap in a narrow window");
    await page.getByRole("button", { name: "Send request" }).click();
    await waitForText(resultText(page), "Created the access package");
    await page.getByLabel("Catalog ID").fill("HR");
    await page.getByRole("button", { name: "Send request" }).click();
    await waitForText(() => page.locator("#problem-summary").innerText(), "Fix this");
    assert.equal(await sidewaysOverflow(page), 0);
    await assertNoViolations(page, `a ${width}-pixel window`);

    await page.getByRole("tab", { name: "Bulk create" }).click();
    assert.equal(await sidewaysOverflow(page), 0);
  });
}
