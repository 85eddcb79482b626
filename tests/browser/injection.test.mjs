// Markup and script in every text the page shows: names and descriptions typed into the form,
// pasted as JSON, read from a bulk CSV, returned by Graph in the catalog list and inside Graph's
// error responses. Each must show as the characters it contains: no element is created from
// it, no dialog opens and no script runs, whatever the Content-Security-Policy would block.

import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";

import { startEmulator } from "../../emulator/server.mjs";
import { launchChromium, openForm, waitForText } from "./helpers.mjs";

const TOKEN = "test-token";
const SALES = "66584aae-98bb-48cc-9458-7bee5d2a6577";

const IMG = "<img src=x onerror=alert(1)>";
const SCRIPT = "</script><script>alert(2)</script>";
const SVG = '"><svg onload=alert(3)>';
const IFRAME = "<iframe srcdoc='<script>alert(4)</script>'></iframe>";
const PAYLOADS = [IMG, SCRIPT, SVG, IFRAME];

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

/** Opens the form and enters the token. openForm records dialogs, page errors and console. */
async function openPage(t) {
  const opened = await openForm(t, browser, emulator.webUrl);
  await opened.page.getByLabel("Access token").fill(TOKEN);
  return opened;
}

/**
 * Checks that no payload became markup or ran: no element that a payload would create, no
 * script without src, no on* attribute, no dialog, no page error and no blocked inline script.
 */
async function assertNothingInjected({ page, dialogs, pageErrors, consoleMessages }) {
  const found = await page.evaluate(() => {
    const injected = [...document.querySelectorAll("img, svg, iframe, object, embed, math")]
      .map((element) => element.outerHTML);
    const inlineScripts = [...document.querySelectorAll("script:not([src])")]
      .map((element) => element.outerHTML);
    const handlers = [];
    for (const element of document.querySelectorAll("*")) {
      for (const attribute of element.attributes) {
        if (attribute.name.startsWith("on")) handlers.push(`${element.tagName} ${attribute.name}`);
      }
    }
    return { injected, inlineScripts, handlers };
  });
  assert.deepEqual(found, { injected: [], inlineScripts: [], handlers: [] });
  assert.deepEqual(dialogs, []);
  assert.deepEqual(pageErrors, []);
  const blocked = consoleMessages.filter((text) => /Content Security Policy|Refused to/.test(text));
  assert.deepEqual(blocked, []);
}

function text(page, selector) {
  return page.locator(selector).evaluate((element) => element.textContent);
}

function resultText(page) {
  return () => text(page, "#result");
}

async function send(page) {
  await page.getByRole("button", { name: "Send request" }).click();
}

test("check finds injected markup", async (t) => {
  // The check itself must fail on what a payload would create, or the tests below prove nothing.
  const opened = await openPage(t);
  await opened.page.evaluate(() => {
    const image = document.createElement("img");
    image.setAttribute("onerror", "void 0");
    document.body.append(image);
  });
  await assert.rejects(assertNothingInjected(opened), /injected/);
});

test("typed names show as text", async (t) => {
  const opened = await openPage(t);
  const { page } = opened;
  await page.getByLabel("Display name").fill(IMG);
  await page.getByLabel("Description").fill(PAYLOADS.join("\n"));
  await page.getByLabel("Catalog ID").fill(SVG);

  const catalogProblems = await waitForText(() => text(page, "#catalog-id-problems"), "svg");
  assert.ok(catalogProblems.includes(JSON.stringify(SVG)), catalogProblems);
  await assertNothingInjected(opened);

  await page.getByLabel("Catalog ID").fill(SALES);
  const preview = await waitForText(() => text(page, "#preview"), "displayName");
  assert.ok(preview.includes(`"displayName":${JSON.stringify(IMG)}`), preview);
  assert.ok(preview.includes(`"description":${JSON.stringify(PAYLOADS.join("\n"))}`), preview);

  await send(page);
  const created = await waitForText(resultText(page), "Created the access package");
  assert.ok(created.includes(IMG), created);

  // The emulator's 409 message quotes the name.
  await send(page);
  const conflict = await waitForText(resultText(page), "DuplicateAccessPackage");
  assert.ok(conflict.includes(`An access package named '${IMG}' already exists`), conflict);
  await assertNothingInjected(opened);
});

test("pasted JSON shows as text", async (t) => {
  const opened = await openPage(t);
  const { page } = opened;
  await page.getByText("Paste a package JSON").click();
  const pasted = { displayName: SCRIPT, description: IFRAME, catalogId: SALES, [IMG]: true };
  await page.getByLabel("Package JSON").fill(JSON.stringify(pasted));
  await page.getByRole("button", { name: "Fill the form from JSON" }).click();

  const problems = await waitForText(() => text(page, "#package-json-problems"), "not an accessPackage property");
  assert.ok(problems.includes(IMG), problems);
  assert.equal(await page.getByLabel("Display name").inputValue(), SCRIPT);
  assert.equal(await page.getByLabel("Description").inputValue(), IFRAME);
  await assertNothingInjected(opened);

  // Not pasted as an object: the JSON parse error quotes none of it as markup either.
  await page.getByLabel("Package JSON").fill(`${SVG}`);
  await page.getByRole("button", { name: "Fill the form from JSON" }).click();
  await waitForText(() => text(page, "#package-json-problems"), /JSON/);
  await assertNothingInjected(opened);
});

/**
 * Routes the catalog listing through the emulator and renames the sales catalog to `name`, and
 * adds a catalog whose id and name are both markup.
 */
async function routeHostileCatalogs(page, name) {
  const isCatalogList = (url) => url.pathname.endsWith("/entitlementManagement/catalogs");
  await page.route(isCatalogList, async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    for (const catalog of body.value) {
      if (catalog.id === SALES) catalog.displayName = name;
    }
    if (body["@odata.nextLink"] === undefined) body.value.push({ id: SVG, displayName: IFRAME });
    await route.fulfill({ response, json: body });
  });
}

test("catalog names from Graph show as text", async (t) => {
  const opened = await openPage(t);
  const { page } = opened;
  await routeHostileCatalogs(page, IMG);
  await page.getByRole("button", { name: "Load catalogs" }).click();
  await waitForText(() => text(page, "#load-catalogs-status"), "Loaded 6 catalogs");

  const options = await page.locator("#catalog-select option").evaluateAll(
    (elements) => elements.map((option) => [option.value, option.textContent]),
  );
  assert.deepEqual(options.find(([value]) => value === SALES), [SALES, `${IMG} (${SALES})`]);
  assert.deepEqual(options.find(([value]) => value === SVG), [SVG, `${IFRAME} (${SVG})`]);

  // Typing part of a name suggests the catalogs whose names contain it.
  await page.getByLabel("Catalog ID").fill("onerror");
  const suggestion = await waitForText(() => text(page, "#catalog-suggestions"), "Use");
  assert.equal(suggestion, `Use ${IMG} (66584aae…)`);
  await assertNothingInjected(opened);

  await page.getByLabel("Loaded catalogs").selectOption(SVG);
  assert.equal(await page.getByLabel("Catalog ID").inputValue(), SVG);
  assert.equal(await text(page, "#catalog-match"), `Catalog: ${IFRAME}`);

  await page.getByLabel("Loaded catalogs").selectOption(SALES);
  await page.getByLabel("Display name").fill("catalog picker");
  await send(page);
  const created = await waitForText(resultText(page), "Created the access package");
  assert.ok(created.includes(`${IMG} (${SALES})`), created);
  await assertNothingInjected(opened);
});

test("Graph error texts show as text", async (t) => {
  const opened = await openPage(t);
  const { page } = opened;
  const isCreate = (url) => url.pathname.endsWith("/entitlementManagement/accessPackages");
  await page.route(isCreate, async (route) => {
    if (route.request().method() !== "POST") return route.fallback();
    const error = {
      code: SVG,
      message: `${IMG} ${SCRIPT}`,
      innerError: { "request-id": IFRAME, "client-request-id": IMG, date: "2026-01-05T09:00:00" },
    };
    return route.fulfill({
      status: 400,
      headers: { "Access-Control-Allow-Origin": "*", "Content-Type": "application/json" },
      json: { error },
    });
  });
  await page.getByLabel("Display name").fill("error texts");
  await page.getByLabel("Catalog ID").fill(SALES);
  await send(page);
  const failure = await waitForText(resultText(page), "Not created");
  assert.ok(failure.includes(`Not created: HTTP 400 ${SVG}`), failure);
  assert.ok(failure.includes(`${IMG} ${SCRIPT}`), failure);
  assert.ok(failure.includes(IFRAME), failure);
  await assertNothingInjected(opened);

  const isCatalogList = (url) => url.pathname.endsWith("/entitlementManagement/catalogs");
  await page.route(isCatalogList, (route) => route.fulfill({
    status: 403,
    headers: { "Access-Control-Allow-Origin": "*", "Content-Type": "application/json" },
    json: { error: { code: IMG, message: SCRIPT } },
  }));
  await page.getByRole("button", { name: "Load catalogs" }).click();
  const status = await waitForText(() => text(page, "#load-catalogs-status"), "Could not load");
  assert.ok(status.includes(`(HTTP 403 ${IMG}): ${SCRIPT}`), status);
  await assertNothingInjected(opened);
});

/** Returns a CSV cell for `value`, quoted as RFC 4180 does. */
function csvCell(value) {
  return `"${value.replaceAll('"', '""')}"`;
}

test("bulk rows and results show as text", async (t) => {
  const opened = await openPage(t);
  const { page } = opened;
  await page.getByRole("tab", { name: "Bulk create" }).click();
  await page.waitForFunction(() => !document.getElementById("bulk-file").disabled);

  const rows = [
    [IMG, SCRIPT, SALES],
    [SVG, IFRAME, SALES],
    [SCRIPT, IMG, SVG],
    [IMG.toUpperCase(), "", SALES],
  ];
  const csv = ["displayName,description,catalogId", ...rows.map((row) => row.map(csvCell).join(","))];
  await page.getByLabel("CSV or JSON file").setInputFiles({
    name: "hostile.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv.join("\r\n")),
  });
  await waitForText(() => text(page, "#bulk-file-status"), "Read hostile.csv");

  const problems = await waitForText(() => text(page, "#bulk-problems"), "catalogId");
  assert.ok(problems.includes(JSON.stringify(SVG)), problems);
  const duplicate =
    `displayName ${JSON.stringify(IMG.toUpperCase())} is also in row 0 for the same catalog, ` +
    "so only row 0 is sent";
  assert.ok(problems.includes(duplicate), problems);
  const preview = await text(page, "#bulk-preview");
  for (const payload of [IMG, SVG, SCRIPT]) assert.ok(preview.includes(payload), payload);
  await assertNothingInjected(opened);

  await page.getByRole("button", { name: "Send 2 rows" }).click();
  await page.locator("#bulk-results-table").waitFor();
  assert.equal(await text(page, "#bulk-results-summary"), "2 created, 2 invalid.");
  const results = await text(page, "#bulk-results");
  assert.ok(results.includes(JSON.stringify(SVG)), results);
  await assertNothingInjected(opened);

  const { packages } = await (await fetch(`${emulator.apiUrl}/_emulator/state`)).json();
  assert.deepEqual(packages.map((stored) => stored.displayName).sort(), [IMG, SVG].sort());
});
