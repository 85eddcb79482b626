// Drives the page in headless Chromium under the Content-Security-Policy header of the
// emulator's web listener. The page loads its wasm, sends, loads catalogs and runs a bulk
// create with no violation. The policy does block inline script and unlisted origins.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { startEmulator } from "../../emulator/server.mjs";
import { launchChromium, openForm, waitForText } from "./helpers.mjs";

const TOKEN = "test-token";
const SALES_CATALOG_ID = "66584aae-98bb-48cc-9458-7bee5d2a6577";

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

/** Chromium logs every blocked load or connection to the console with these words. */
function isViolationMessage(text) {
  return /Content Security Policy/i.test(text);
}

/** Records every securitypolicyviolation event from now on in `window.cspViolations`. */
async function recordViolations(page) {
  await page.evaluate(() => {
    window.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI}`);
    });
  });
}

test("page works with no violation", async (t) => {
  const { page, consoleMessages, pageErrors } = await openForm(t, browser, emulator.webUrl);
  await recordViolations(page);

  await page.getByLabel("Access token").fill(TOKEN);
  await page.getByRole("button", { name: "Load catalogs" }).click();
  await page.getByLabel("Loaded catalogs").waitFor();
  await page.getByLabel("Display name").fill("csp check");
  await page.getByLabel("Catalog ID").fill(SALES_CATALOG_ID);
  await page.getByRole("button", { name: "Send request" }).click();
  const region = page.getByRole("region", { name: "Result" });
  await waitForText(() => region.innerText(), "Created the access package");

  await page.getByRole("tab", { name: "Bulk create" }).click();
  const csv = `displayName,catalogId\ncsp bulk one,${SALES_CATALOG_ID}\ncsp bulk two,${SALES_CATALOG_ID}\n`;
  await page.getByLabel("CSV or JSON file").setInputFiles({
    name: "rows.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv),
  });
  await page.getByRole("button", { name: "Send 2 rows" }).click();
  await waitForText(() => page.locator("#bulk-results-summary").innerText(), "2 created.");

  const violations = await page.evaluate(() => window.cspViolations);
  assert.deepEqual(violations, []);
  assert.deepEqual(consoleMessages.filter(isViolationMessage), []);
  assert.deepEqual(pageErrors, []);
});

// Playwright's evaluate runs outside the page's policy, so it cannot show that eval is
// blocked: tests/node/security-headers.test.mjs checks that script-src has no 'unsafe-eval'.
test("policy blocks inline script and other origins", async (t) => {
  const { page, consoleMessages } = await openForm(t, browser, emulator.webUrl);
  await recordViolations(page);

  // 127.0.0.2 is loopback, so the test's own routing would let it through: only the policy
  // stops it.
  const fetchOutcome = await page.evaluate(async () => {
    try {
      await fetch("http://127.0.0.2:9/");
      return "sent";
    } catch (error) {
      return error.name;
    }
  });
  assert.equal(fetchOutcome, "TypeError");

  const inlineRan = await page.evaluate(() => {
    window.inlineScriptRan = false;
    const script = document.createElement("script");
    script.textContent = "window.inlineScriptRan = true;";
    document.body.append(script);
    return window.inlineScriptRan;
  });
  assert.equal(inlineRan, false);

  const violations = await page.evaluate(() => window.cspViolations);
  assert.ok(violations.some((text) => text.startsWith("connect-src blocked http://127.0.0.2:9")), violations.join("\n"));
  assert.ok(violations.some((text) => text.startsWith("script-src")), violations.join("\n"));
  assert.ok(consoleMessages.some(isViolationMessage));
});
