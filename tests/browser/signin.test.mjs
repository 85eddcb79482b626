// Drives "Sign in with Microsoft" in headless Chromium against the emulator's mock sign-in
// authority (https on loopback with a certificate made for this run), then sends a create
// with the token from sign-in. Nothing may leave loopback: openForm aborts and records any
// such request.

import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";

import { MOCK_SIGN_IN, startEmulator } from "../../emulator/server.mjs";
import { launchChromium, openForm, waitForText } from "./helpers.mjs";

const SALES_CATALOG_ID = "66584aae-98bb-48cc-9458-7bee5d2a6577";
const SIGNED_IN_USER = "admin@contoso.onmicrosoft.com";

let emulator;
let browser;

before(async () => {
  emulator = await startEmulator({
    port: 0,
    apiPort: 0,
    authorityPort: 0,
    quiet: true,
    mockAuthority: true,
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await emulator?.close();
});

beforeEach(async () => {
  await emulator.reset();
});

// The self-signed certificate of the mock authority is accepted only in these contexts.
function openSignInForm(t) {
  return openForm(t, browser, emulator.webUrl, { ignoreHTTPSErrors: true });
}

function signInStatus(page) {
  return () => page.locator("#signin-status").innerText();
}

function decodeClaims(jwt) {
  return JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8"));
}

async function storedItemCount(page) {
  return page.evaluate(() => localStorage.length + sessionStorage.length);
}

// Records the URL of every request that the context sends, the popup's included.
function recordRequests(page) {
  const urls = [];
  page.context().on("request", (request) => urls.push(request.url()));
  return urls;
}

async function signIn(page) {
  const popupOpened = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
  const popup = await popupOpened;
  const status = await waitForText(signInStatus(page), /Signed in|failed|cancelled|blocked/);
  return { popup, status };
}

test("signed-in token creates, sign-out clears it", async (t) => {
  const { page, offLoopbackRequests, pageErrors, consoleMessages } = await openSignInForm(t);
  const requestUrls = recordRequests(page);
  const issuedBefore = emulator.authority.issuedAccessTokens().length;

  // /config.json fills the section and names the mock authority.
  assert.equal(await page.getByLabel("Application (client) ID").inputValue(), MOCK_SIGN_IN.clientId);
  assert.equal(await page.getByLabel("Tenant ID or domain").inputValue(), MOCK_SIGN_IN.tenant);
  const note = await page.locator("#signin-authority-note").innerText();
  assert.match(note, new RegExp(`mock authority at ${emulator.authority.url}`));

  const { popup, status } = await signIn(page);
  assert.match(status, new RegExp(`Signed in as ${SIGNED_IN_USER}`));
  assert.match(status, /graph\.microsoft\.com/);
  assert.ok(popup.isClosed(), "the sign-in popup is still open");

  const issued = emulator.authority.issuedAccessTokens();
  assert.equal(issued.length, issuedBefore + 1);
  const token = issued.at(-1);
  const claims = decodeClaims(token);
  assert.equal(claims.aud, "https://graph.microsoft.com");
  assert.ok(claims.scp.split(" ").includes("EntitlementManagement.ReadWrite.All"));

  const tokenField = page.getByLabel("Access token");
  assert.equal(await tokenField.inputValue(), token);
  assert.equal(await tokenField.getAttribute("type"), "password");
  assert.equal(await tokenField.evaluate((input) => input.readOnly), true);
  const pageText = await page.locator("body").innerText();
  assert.ok(!pageText.includes(token), "the page shows the token");
  assert.equal(await storedItemCount(page), 0);

  // MSAL read the mock's OpenID configuration and redeemed the code at its token endpoint.
  const tenantUrl = `${emulator.authority.url}/${MOCK_SIGN_IN.tenant}`;
  assert.ok(requestUrls.includes(`${tenantUrl}/v2.0/.well-known/openid-configuration`));
  assert.ok(requestUrls.some((url) => url.startsWith(`${tenantUrl}/oauth2/v2.0/authorize?`)));
  assert.ok(requestUrls.some((url) => url.startsWith(`${tenantUrl}/oauth2/v2.0/token`)));
  assert.ok(requestUrls.some((url) => url.startsWith(`${emulator.webUrl}/redirect.html`)));

  await page.getByLabel("Display name").fill("signed-in package");
  await page.getByLabel("Catalog ID").fill(SALES_CATALOG_ID);
  await page.getByRole("button", { name: "Send request" }).click();
  await waitForText(() => page.getByRole("region", { name: "Result" }).innerText(), "Created the access package");
  const creates = emulator
    .recentRequests()
    .filter((request) => request.method === "POST" && request.path.endsWith("/accessPackages"));
  assert.equal(creates.length, 1);
  assert.equal(creates[0].authorization, `Bearer ${token}`);
  assert.equal(emulator.store.state().packages[0].displayName, "signed-in package");

  await page.getByRole("button", { name: "Sign out" }).click();
  const signedOut = await waitForText(signInStatus(page), "Signed out");
  assert.match(signedOut, /no longer holds the access token/);
  assert.equal(await tokenField.inputValue(), "");
  assert.equal(await tokenField.evaluate((input) => input.readOnly), false);
  assert.equal(await storedItemCount(page), 0);
  assert.equal(await page.getByRole("button", { name: "Sign in with Microsoft" }).isVisible(), true);

  assert.deepEqual(offLoopbackRequests, []);
  assert.deepEqual(pageErrors, []);
  assert.ok(!consoleMessages.some((message) => message.includes(token)), "the token reached the console");
  assert.ok(!page.url().includes(token), "the token reached the URL");
});

test("pasted token still works after sign-out", async (t) => {
  const { page, offLoopbackRequests } = await openSignInForm(t);
  await signIn(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await waitForText(signInStatus(page), "Signed out");

  await page.getByLabel("Access token").fill("pasted-token");
  await page.getByLabel("Display name").fill("pasted package");
  await page.getByLabel("Catalog ID").fill(SALES_CATALOG_ID);
  await page.getByRole("button", { name: "Send request" }).click();
  await waitForText(() => page.getByRole("region", { name: "Result" }).innerText(), "Created the access package");
  const create = emulator.recentRequests().find((request) => request.method === "POST");
  assert.equal(create.authorization, "Bearer pasted-token");
  assert.deepEqual(offLoopbackRequests, []);
});

test("401 after sign-in ends the session", async (t) => {
  const { page, offLoopbackRequests, pageErrors } = await openSignInForm(t);
  await signIn(page);
  // Graph returns 401 for an expired or revoked token. The emulator does so only for an
  // expired JWT, so Playwright's router returns this create's 401 instead.
  await page.context().route(`${emulator.apiUrl}/**`, (route) => {
    if (route.request().method() === "OPTIONS") {
      return route.continue();
    }
    return route.fulfill({
      status: 401,
      headers: { "Access-Control-Allow-Origin": "*", "Content-Type": "application/json" },
      body: JSON.stringify({
        error: { code: "InvalidAuthenticationToken", message: "Access token has expired." },
      }),
    });
  });
  await page.getByLabel("Display name").fill("rejected package");
  await page.getByLabel("Catalog ID").fill(SALES_CATALOG_ID);
  await page.getByRole("button", { name: "Send request" }).click();

  const status = await waitForText(signInStatus(page), "Signed out");
  assert.match(status, /access token from sign-in was cleared/);
  const tokenField = page.getByLabel("Access token");
  assert.equal(await tokenField.inputValue(), "");
  assert.equal(await tokenField.evaluate((input) => input.readOnly), false);
  assert.equal(await page.getByRole("button", { name: "Sign in with Microsoft" }).isVisible(), true);
  assert.equal(await page.getByRole("button", { name: "Sign out" }).isVisible(), false);
  assert.equal(await page.getByLabel("Application (client) ID").isEnabled(), true);

  // A token pasted afterwards belongs to the user, and no sign-out can clear it.
  await tokenField.fill("pasted-token");
  assert.equal(await tokenField.inputValue(), "pasted-token");
  assert.deepEqual(offLoopbackRequests, []);
  assert.deepEqual(pageErrors, []);
});

test("sign-in follows the endpoint's cloud", async (t) => {
  const { page, offLoopbackRequests } = await openSignInForm(t);
  await page.getByLabel("Endpoint").selectOption("usGovernmentDod");
  assert.equal(await page.getByLabel("Cloud").inputValue(), "usGovernmentDod");

  const { status } = await signIn(page);
  assert.match(status, /dod-graph\.microsoft\.us/);
  const token = emulator.authority.issuedAccessTokens().at(-1);
  assert.equal(decodeClaims(token).aud, "https://dod-graph.microsoft.us");
  assert.deepEqual(offLoopbackRequests, []);
});

test("invalid client id and tenant open no popup", async (t) => {
  const { page } = await openSignInForm(t);
  const issuedBefore = emulator.authority.issuedAccessTokens().length;
  const popups = [];
  page.on("popup", (popup) => popups.push(popup));
  await page.getByLabel("Application (client) ID").fill("my-app");
  await page.getByLabel("Tenant ID or domain").fill("common");
  await page.getByRole("button", { name: "Sign in with Microsoft" }).click();

  const clientIdProblems = await page.locator("#signin-client-id-problems").innerText();
  assert.match(clientIdProblems, /must be a GUID like 8-4-4-4-12 hex digits, got "my-app"/);
  const tenantProblems = await page.locator("#signin-tenant-problems").innerText();
  assert.match(tenantProblems, /tenant ID \(a GUID\) or a domain .*got "common"/);
  assert.equal(await page.getByLabel("Application (client) ID").getAttribute("aria-invalid"), "true");
  assert.deepEqual(popups, []);
  assert.equal(emulator.authority.issuedAccessTokens().length, issuedBefore);
});
