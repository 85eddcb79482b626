// Drives www/ in headless Chromium against the local Graph emulator, which serves the page
// and the API on two loopback origins, so every Graph request the page sends is cross-origin.

import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";

import { startEmulator } from "../../emulator/server.mjs";
import {
  describedText,
  fetchAllPages,
  fieldProblems,
  isLoopbackUrl,
  launchChromium,
  openForm,
  waitForLibrary,
  waitForText,
} from "./helpers.mjs";

const TOKEN = "test-token";
const SALES_CATALOG_ID = "66584aae-98bb-48cc-9458-7bee5d2a6577";
const FIELD_OPERATIONS_CATALOG_ID = "aa2f6514-3232-46e7-a08a-2411ad8d7128";

// The beta example response from Microsoft Graph's "Create accessPackage" page, as a GET
// returns it: `id` is read-only, so the form leaves it out.
const BETA_PACKAGE_FROM_GET = {
  id: "56ff43fd-6b05-48df-9634-956a777fce6d",
  catalogId: FIELD_OPERATIONS_CATALOG_ID,
  displayName: "sales reps",
  description: "outside sales representatives",
  isHidden: false,
  isRoleScopesVisible: false,
};

// The v1.0 example response from the same page. v1.0 does not echo the catalog.
const V1_PACKAGE_FROM_GET = {
  id: "642181f0-bc17-4fc6-9ebb-ff53dbf18c2f",
  displayName: "sales reps",
  description: "outside sales representatives",
  isHidden: false,
  createdDateTime: "2021-11-10T01:10:09.5220119Z",
  modifiedDateTime: "2021-11-10T01:10:09.5220119Z",
};

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

async function emulatorState() {
  const response = await fetch(new URL("/_emulator/state", emulator.apiUrl));
  assert.equal(response.status, 200);
  return response.json();
}

function resultText(page) {
  return () => page.getByRole("region", { name: "Result" }).innerText();
}

function previewText(page) {
  return () => page.getByRole("region", { name: "Request preview" }).innerText();
}

async function fillV1Example(page) {
  await page.getByLabel("Access token").fill(TOKEN);
  await page.getByLabel("Display name").fill("sales reps");
  await page.getByLabel("Description").fill("outside sales representatives");
  await page.getByLabel("Catalog ID").fill(SALES_CATALOG_ID);
}

async function openPastePanel(page) {
  await page.getByText("Paste a package JSON").click();
}

async function pastePackage(page, value) {
  await openPastePanel(page);
  await page.getByLabel("Package JSON").fill(JSON.stringify(value, null, 2));
  await page.getByRole("button", { name: "Fill the form from JSON" }).click();
}

test("send creates the package", async (t) => {
  const { page, offLoopbackRequests, pageErrors, consoleMessages } = await openForm(t, browser, emulator.webUrl);
  const historyLengthBefore = await page.evaluate(() => history.length);
  await fillV1Example(page);
  await page.getByRole("button", { name: "Send request" }).click();

  const text = await waitForText(resultText(page), "Created the access package");
  const state = await emulatorState();
  assert.equal(state.packages.length, 1);
  const [created] = state.packages;
  assert.equal(created.displayName, "sales reps");
  assert.equal(created.catalogId, SALES_CATALOG_ID);
  assert.match(text, new RegExp(created.id));
  assert.match(text, /sales reps/);

  assert.deepEqual(offLoopbackRequests, []);
  assert.deepEqual(pageErrors, []);
  assert.ok(!consoleMessages.some((message) => message.includes(TOKEN)), "the token reached the console");
  assert.ok(!page.url().includes(TOKEN), "the token reached the URL");
  const stored = await page.evaluate(() => localStorage.length + sessionStorage.length);
  assert.equal(stored, 0);
  const historyLength = await page.evaluate(() => history.length);
  assert.equal(historyLength, historyLengthBefore);
});

test("same name again shows conflict", async (t) => {
  const { page } = await openForm(t, browser, emulator.webUrl);
  await fillV1Example(page);
  const send = page.getByRole("button", { name: "Send request" });
  await send.click();
  await waitForText(resultText(page), "Created the access package");

  await send.click();
  const text = await waitForText(resultText(page), "Not created");
  assert.match(text, /HTTP 409 DuplicateAccessPackage/);
  assert.match(text, /already exists/);
  const state = await emulatorState();
  assert.equal(state.packages.length, 1);
});

test("problems show while typing", async (t) => {
  const { page } = await openForm(t, browser, emulator.webUrl);
  const catalogId = page.getByLabel("Catalog ID");
  await catalogId.pressSequentially("HR");
  await waitForText(() => describedText(catalogId), "GUID");
  assert.deepEqual(await fieldProblems(catalogId), [{
    severity: "error",
    text: 'Error: catalogId must be the catalog\'s id, a GUID like 8-4-4-4-12 hex digits, got "HR", which looks like a catalog name',
  }]);
  assert.equal(await catalogId.getAttribute("aria-invalid"), "true");

  const displayName = page.getByLabel("Display name");
  await displayName.pressSequentially("x");
  await displayName.press("Backspace");
  await waitForText(() => describedText(displayName), "required");
  assert.deepEqual(await fieldProblems(displayName), [{
    severity: "error",
    text: "Error: displayName is required, as the name requestors see",
  }]);
  assert.equal(await displayName.getAttribute("aria-invalid"), "true");

  // Untouched fields show nothing until a submit, so the form does not open full of errors.
  assert.deepEqual(await fieldProblems(page.getByLabel("Description")), []);
  const summary = await page.locator("#problem-summary").innerText();
  assert.equal(summary, "");
});

test("warnings look different from errors", async (t) => {
  const { page } = await openForm(t, browser, emulator.webUrl);
  const displayName = page.getByLabel("Display name");
  await displayName.fill(" sales reps ");
  await waitForText(async () => JSON.stringify(await fieldProblems(displayName)), "warning");

  assert.deepEqual(await fieldProblems(displayName), [{
    severity: "warning",
    text: 'Warning: displayName had whitespace at its start or end, which was removed: " sales reps "',
  }]);
  assert.equal(await displayName.getAttribute("aria-invalid"), null);
});

test("failed submit focuses summary", async (t) => {
  const { page } = await openForm(t, browser, emulator.webUrl);
  await page.getByLabel("Catalog ID").fill("HR");
  await page.getByRole("button", { name: "Send request" }).click();

  const summary = page.locator("#problem-summary");
  const text = await waitForText(() => summary.innerText(), "Fix these");
  assert.match(text, /GUID/);
  assert.match(text, /required/);
  const focusedId = await page.evaluate(() => document.activeElement?.id);
  assert.equal(focusedId, "problem-summary");
  assert.equal(await summary.getAttribute("aria-live"), "polite");

  await page.getByRole("link", { name: /required/ }).first().click();
  const focusedAfterLink = await page.evaluate(() => document.activeElement?.id);
  assert.equal(focusedAfterLink, "display-name");
  assert.ok(!page.url().includes("#"), "the summary link changed the URL");
  assert.equal((await emulatorState()).creates, 0);
});

test("beta field follows the version", async (t) => {
  const { page } = await openForm(t, browser, emulator.webUrl);
  await fillV1Example(page);
  const roleScopes = page.getByLabel("Role scopes visible");
  assert.equal(await roleScopes.isVisible(), false);
  let preview = await waitForText(previewText(page), "/v1.0/");
  assert.match(preview, /"catalog":\{"id":"66584aae-98bb-48cc-9458-7bee5d2a6577"\}/);
  assert.doesNotMatch(preview, /isRoleScopesVisible/);

  await page.getByLabel("beta").check();
  assert.equal(await roleScopes.isVisible(), true);
  await roleScopes.check();
  preview = await waitForText(previewText(page), "/beta/");
  assert.match(preview, /"catalogId":"66584aae-98bb-48cc-9458-7bee5d2a6577"/);
  assert.match(preview, /"isRoleScopesVisible":true/);

  await page.getByLabel("v1.0").check();
  assert.equal(await roleScopes.isVisible(), false);
  preview = await waitForText(previewText(page), "/v1.0/");
  assert.doesNotMatch(preview, /isRoleScopesVisible/);
});

test("preview masks the token", async (t) => {
  const { page } = await openForm(t, browser, emulator.webUrl);
  const secret = "secret-token-5678";
  await fillV1Example(page);
  await page.getByLabel("Access token").fill(secret);

  const preview = await waitForText(previewText(page), "Authorization");
  assert.match(preview, /Authorization: Bearer <token hidden>/i);
  assert.match(preview, /^POST http:\/\/127\.0\.0\.1:\d+\/v1\.0\/identityGovernance\/entitlementManagement\/accessPackages$/m);
  assert.ok(!preview.includes(secret), "the preview shows the token");
  assert.ok(!preview.includes("5678"), "the preview shows the end of the token");
  const html = await page.content();
  assert.ok(!html.includes(secret), "the token is in the page's markup");
});

test("catalog picker loads every page", async (t) => {
  const { page } = await openForm(t, browser, emulator.webUrl);
  const catalogRequests = [];
  page.on("request", (request) => {
    if (request.url().includes("/catalogs")) {
      catalogRequests.push(request);
    }
  });
  const listUrl = new URL("/v1.0/identityGovernance/entitlementManagement/catalogs", emulator.apiUrl);
  const expected = await fetchAllPages(listUrl.href, TOKEN);
  assert.ok(expected.pages > 1, "the emulator should page its catalogs for this test to mean anything");

  const load = page.getByRole("button", { name: "Load catalogs" });
  assert.equal(await load.isDisabled(), true);
  await page.getByLabel("Access token").fill(TOKEN);
  await load.click();
  const status = await waitForText(() => page.locator("#load-catalogs-status").innerText(), "Loaded");
  assert.match(status, new RegExp(`Loaded ${expected.items.length} catalogs from ${expected.pages} pages`));

  const select = page.getByLabel("Loaded catalogs");
  const optionTexts = await select.locator("option").allInnerTexts();
  for (const catalog of expected.items) {
    assert.ok(optionTexts.includes(`${catalog.displayName} (${catalog.id})`), `${catalog.displayName} is missing`);
  }
  assert.equal(catalogRequests.length, expected.pages);
  for (const request of catalogRequests) {
    assert.equal(await request.headerValue("authorization"), `Bearer ${TOKEN}`);
  }

  await select.selectOption({ label: `Field Operations (${FIELD_OPERATIONS_CATALOG_ID})` });
  const catalogId = page.getByLabel("Catalog ID");
  assert.equal(await catalogId.inputValue(), FIELD_OPERATIONS_CATALOG_ID);

  await catalogId.fill("Sales and Marketing");
  await page.getByRole("button", { name: "Use Sales and Marketing (66584aae…)" }).click();
  assert.equal(await catalogId.inputValue(), SALES_CATALOG_ID);
  await waitForText(() => page.locator("#catalog-match").innerText(), "Catalog: Sales and Marketing");
});

test("pasted beta JSON fills the form", async (t) => {
  const { page } = await openForm(t, browser, emulator.webUrl);
  await pastePackage(page, BETA_PACKAGE_FROM_GET);

  assert.equal(await page.getByLabel("Display name").inputValue(), "sales reps");
  assert.equal(await page.getByLabel("Description").inputValue(), "outside sales representatives");
  assert.equal(await page.getByLabel("Catalog ID").inputValue(), FIELD_OPERATIONS_CATALOG_ID);
  assert.equal(await page.getByLabel("Hidden", { exact: true }).isChecked(), false);
  assert.equal(await page.getByLabel("beta").isChecked(), true);
  assert.equal(await page.getByLabel("Role scopes visible").isChecked(), false);

  const pasteText = await waitForText(() => page.locator("#package-json-problems").innerText(), "Warning");
  assert.match(pasteText, /Warning: id is set by Graph, so it was left out of the request/);
  assert.doesNotMatch(pasteText, /Error:/);
});

test("pasted v1.0 JSON needs a catalog", async (t) => {
  const { page } = await openForm(t, browser, emulator.webUrl);
  await pastePackage(page, V1_PACKAGE_FROM_GET);

  assert.equal(await page.getByLabel("Display name").inputValue(), "sales reps");
  assert.equal(await page.getByLabel("v1.0").isChecked(), true);
  const catalogId = page.getByLabel("Catalog ID");
  assert.equal(await catalogId.inputValue(), "");
  await waitForText(() => describedText(catalogId), "required");
  assert.deepEqual(await fieldProblems(catalogId), [{
    severity: "error",
    text: "Error: catalogId is required, as the GUID of the catalog that holds the package",
  }]);

  const pasteText = await page.locator("#package-json-problems").innerText();
  for (const property of ["id", "createdDateTime", "modifiedDateTime"]) {
    assert.match(pasteText, new RegExp(`\\b${property}\\b`), `no problem names ${property}`);
  }
});

test("markup in a name stays text", async (t) => {
  const { page, dialogs, pageErrors } = await openForm(t, browser, emulator.webUrl);
  const markup = "<img src=x onerror=alert(1)>";
  await fillV1Example(page);
  await page.getByLabel("Display name").fill(markup);
  await page.getByRole("button", { name: "Send request" }).click();

  const text = await waitForText(resultText(page), "Created the access package");
  assert.ok(text.includes(markup), "the result does not show the name as typed");
  const images = await page.locator("img").count();
  assert.equal(images, 0);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(pageErrors, []);
});

test("keyboard reaches every control in order", async (t) => {
  const { page } = await openForm(t, browser, emulator.webUrl);
  await fillV1Example(page);
  await page.getByText("Paste a package JSON").focus();

  const order = [];
  for (let step = 0; step < 11; step += 1) {
    await page.keyboard.press("Tab");
    order.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName));
  }
  assert.deepEqual(order, [
    "signin-summary",
    "api-version-v1",
    "endpoint",
    "access-token",
    "display-name",
    "description",
    "catalog-id",
    "load-catalogs",
    "is-hidden",
    "send",
    "preview",
  ]);
});

test("enter in a field sends", async (t) => {
  const { page } = await openForm(t, browser, emulator.webUrl);
  await fillV1Example(page);
  await page.getByLabel("Display name").press("Enter");
  await waitForText(resultText(page), "Created the access package");
  assert.equal((await emulatorState()).creates, 1);
});

test("page requests stay on loopback", async (t) => {
  const { page, offLoopbackRequests } = await openForm(t, browser, emulator.webUrl);
  const requested = [];
  page.on("request", (request) => requested.push(request.url()));
  await page.reload();
  await waitForLibrary(page);
  assert.ok(requested.length > 0);
  assert.deepEqual(requested.filter((url) => !isLoopbackUrl(url)), []);
  assert.deepEqual(offLoopbackRequests, []);
});

// A JWT that expired one second after the epoch. The emulator rejects it with a 401 whose
// message gives the expiry, unlike the 401 for a missing token.
const EXPIRED_TOKEN = [{ alg: "none", typ: "JWT" }, { exp: 1 }]
  .map((part) => Buffer.from(JSON.stringify(part)).toString("base64url"))
  .concat("signature")
  .join(".");
const EXPIRED_MESSAGE = "The access token expired at 1970-01-01T00:00:01.000Z; get a new token.";
const UNAUTHORIZED_HINT =
  "Sign in again or paste a fresh token for this cloud, because the token is missing, " +
  "expired or not for Microsoft Graph";
const TOKEN_CLEARED =
  "Graph rejected the access token (HTTP 401), so the page cleared it. " +
  "Sign in again or paste a new token.";

/** Resolves with the next request the page sends with `method` to a path ending in `suffix`. */
function nextRequest(page, method, suffix) {
  return page.waitForRequest(
    (request) => request.method() === method && new URL(request.url()).pathname.endsWith(suffix),
  );
}

/** Returns the result's details, such as Message and Code, as an object keyed by term. */
function resultDetails(page) {
  return page.locator("#result dl").evaluate((list) => {
    const terms = [...list.querySelectorAll("dt")];
    const pairs = terms.map((term) => [term.textContent, term.nextElementSibling.textContent]);
    return Object.fromEntries(pairs);
  });
}

async function assertTokenCleared(page) {
  assert.equal(await page.getByLabel("Access token").inputValue(), "");
  const notice = page.locator("#access-token-cleared");
  assert.equal(await notice.evaluate((element) => element.textContent), TOKEN_CLEARED);
  assert.equal(await notice.isVisible(), true);
}

test("expired token shows the 401", async (t) => {
  const { page } = await openForm(t, browser, emulator.webUrl);
  await fillV1Example(page);
  const tokenField = page.getByLabel("Access token");
  await tokenField.fill(EXPIRED_TOKEN);
  await waitForText(() => describedText(tokenField), "Warning");
  const tokenProblems = await fieldProblems(tokenField);
  assert.ok(tokenProblems.every((problem) => problem.severity === "warning"), JSON.stringify(tokenProblems));

  const created = nextRequest(page, "POST", "/entitlementManagement/accessPackages");
  await page.getByRole("button", { name: "Send request" }).click();
  const request = await created;

  assert.equal(await request.headerValue("authorization"), `Bearer ${EXPIRED_TOKEN}`);
  const text = await waitForText(resultText(page), "Not created");
  assert.match(text, /^Not created: HTTP 401 InvalidAuthenticationToken$/m);
  const details = await resultDetails(page);
  assert.equal(details.Status, "401");
  assert.equal(details.Code, "InvalidAuthenticationToken");
  assert.equal(details.Message, EXPIRED_MESSAGE);
  assert.equal(details["What to do"], UNAUTHORIZED_HINT);
  await assertTokenCleared(page);
  assert.equal((await emulatorState()).creates, 0);
});

test("expired token fails catalog list", async (t) => {
  const { page } = await openForm(t, browser, emulator.webUrl);
  await page.getByLabel("Access token").fill(EXPIRED_TOKEN);

  const listed = nextRequest(page, "GET", "/entitlementManagement/catalogs");
  await page.getByRole("button", { name: "Load catalogs" }).click();
  const request = await listed;

  assert.equal(await request.headerValue("authorization"), `Bearer ${EXPIRED_TOKEN}`);
  const readStatus = () => page.locator("#load-catalogs-status").innerText();
  const status = await waitForText(readStatus, "Could not load");
  assert.match(status, /HTTP 401 InvalidAuthenticationToken/);
  assert.ok(status.includes(EXPIRED_MESSAGE), status);
  assert.ok(status.includes(UNAUTHORIZED_HINT), status);
  await assertTokenCleared(page);
});

test("network failure shows no response", async (t) => {
  const { page } = await openForm(t, browser, emulator.webUrl);
  await page.route(`${emulator.apiUrl}/**`, (route) => route.abort("connectionrefused"));
  await fillV1Example(page);
  await page.getByRole("button", { name: "Send request" }).click();

  const text = await waitForText(resultText(page), "Not created");
  assert.match(text, /Not created: no response network_error/);
  assert.match(text, /failed before a response came/);
  assert.match(text, /Yes, after a pause/);
  assert.equal((await emulatorState()).creates, 0);
});

test("throttled send shows retry advice", async (t) => {
  const throttled = await startEmulator({ port: 0, apiPort: 0, quiet: true, rate: 0.01, burst: 1 });
  t.after(() => throttled.close());
  const { page } = await openForm(t, browser, throttled.webUrl);
  await fillV1Example(page);
  const send = page.getByRole("button", { name: "Send request" });
  await send.click();
  await waitForText(resultText(page), "Created the access package");

  await page.getByLabel("Display name").fill("field reps");
  await send.click();
  const text = await waitForText(resultText(page), "Not created");
  assert.match(text, /HTTP 429 TooManyRequests/);
  assert.match(text, /Yes, after \d+ seconds?\./);
});

test("cloud endpoint sets the host", async (t) => {
  const { page, offLoopbackRequests } = await openForm(t, browser, emulator.webUrl);
  await fillV1Example(page);
  const hosts = [
    ["Microsoft Graph global service", "https://graph.microsoft.com/v1.0/"],
    ["Microsoft Graph for US Government L4", "https://graph.microsoft.us/v1.0/"],
    ["Microsoft Graph for US Government L5 (DoD)", "https://dod-graph.microsoft.us/v1.0/"],
    ["Microsoft Graph China operated by 21Vianet", "https://microsoftgraph.chinacloudapi.cn/v1.0/"],
  ];
  for (const [label, urlStart] of hosts) {
    await page.getByLabel("Endpoint").selectOption({ label });
    const preview = await waitForText(previewText(page), urlStart);
    assert.match(preview, new RegExp(`^POST ${urlStart.replaceAll(".", "\\.")}`, "m"), label);
  }
  assert.deepEqual(offLoopbackRequests, []);
});
