// The access token in Chromium: after sends that succeed, conflict, are throttled and are
// rejected, a catalog listing and a bulk run with its results file, the token appears in no
// place the page or the package writes. After a 401 the page clears the token and tells the
// user to sign in again or paste a new one.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, beforeEach, test } from "node:test";

import { startEmulator } from "../../emulator/server.mjs";
import { launchChromium, openForm, waitForText } from "./helpers.mjs";

const SALES = "66584aae-98bb-48cc-9458-7bee5d2a6577";
const CLEARED =
  "Graph rejected the access token (HTTP 401), so the page cleared it. " +
  "Sign in again or paste a new token.";

function base64url(value) {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

// A JWT that the emulator accepts: unexpired, for Graph, with the permission.
const JWT_PAYLOAD = base64url({
  aud: "https://graph.microsoft.com",
  exp: Math.floor(Date.now() / 1000) + 3600,
  scp: "EntitlementManagement.ReadWrite.All",
  oid: "5b9e3c8a-token-test",
});
const JWT_SIGNATURE = "c2lnbmF0dXJlLW9mLXRoZS10b2tlbi10ZXN0";
const JWT = `${base64url({ alg: "none", typ: "JWT" })}.${JWT_PAYLOAD}.${JWT_SIGNATURE}`;
const PLAIN = "plain-token-4f7c2a9e81d3";

// Each token with the parts that must not appear: the whole token, and for the JWT its
// payload and signature, which no other JWT shares.
const TOKENS = [
  ["JWT", JWT, [JWT, JWT_PAYLOAD, JWT_SIGNATURE]],
  ["plain", PLAIN, [PLAIN]],
];

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

const isCreate = (url) => url.pathname.endsWith("/entitlementManagement/accessPackages");
const isCatalogList = (url) => url.pathname.endsWith("/entitlementManagement/catalogs");
const isBatch = (url) => url.pathname.endsWith("/$batch");

/** Fulfills a request with a Graph error, with the CORS headers the emulator sends. */
function graphError(route, status, code, message, headers = {}) {
  return route.fulfill({
    status,
    headers: {
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Expose-Headers": "request-id, client-request-id, Retry-After",
      "Content-Type": "application/json",
      ...headers,
    },
    json: { error: { code, message } },
  });
}

function unauthorized(route) {
  return graphError(route, 401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.");
}

/**
 * Opens the form and records every request the page sends, with its URL and whether it
 * carried an Authorization header.
 */
async function openPage(t) {
  const opened = await openForm(t, browser, emulator.webUrl);
  opened.requests = [];
  opened.page.on("request", async (request) => {
    const headers = await request.allHeaders();
    opened.requests.push({ url: request.url(), authorization: headers.authorization });
  });
  return opened;
}

function text(page, selector) {
  return page.locator(selector).evaluate((element) => element.textContent);
}

function resultText(page) {
  return () => text(page, "#result");
}

async function sendAndWait(page, expected) {
  await page.getByRole("button", { name: "Send request" }).click();
  return waitForText(resultText(page), expected);
}

/**
 * Returns the places in the page where a fragment of the token is found: storage, cookies,
 * IndexedDB names, the URL, window.name, history.state, DOM text, every attribute and every
 * form control's value except the token field's own.
 */
function findTokenInPage(page, fragments) {
  return page.evaluate(async (fragments) => {
    const found = [];
    const check = (place, value) => {
      if (typeof value === "string" && fragments.some((fragment) => value.includes(fragment))) {
        found.push(place);
      }
    };
    for (const [name, storage] of [["localStorage", localStorage], ["sessionStorage", sessionStorage]]) {
      for (let index = 0; index < storage.length; index += 1) {
        const key = storage.key(index);
        check(`${name} key`, key);
        check(`${name} ${key}`, storage.getItem(key));
      }
    }
    check("document.cookie", document.cookie);
    for (const database of await indexedDB.databases()) check("IndexedDB name", database.name);
    check("location.href", location.href);
    check("location.hash", location.hash);
    check("window.name", window.name);
    check("history.state", JSON.stringify(history.state ?? null));
    check("document text", document.documentElement.textContent);
    check("request preview", document.getElementById("preview").textContent);
    for (const element of document.querySelectorAll("*")) {
      for (const attribute of element.attributes) {
        check(`${element.tagName}#${element.id} [${attribute.name}]`, attribute.value);
      }
      const isTokenField = element.id === "access-token";
      if ("value" in element && typeof element.value === "string" && !isTokenField) {
        check(`${element.tagName}#${element.id} value`, element.value);
      }
    }
    return found;
  }, fragments);
}

/** Returns every problem message the browser build gives for options that carry the token. */
function libraryMessages(page, token) {
  return page.evaluate(async (token) => {
    const library = await import("/pkg/browser.js");
    await library.default();
    const inputs = [{}, { displayName: "x", catalogId: "HR", isHidden: "yes" }];
    const tokens = [token, `Bearer ${token}`, `${token}\r\nX: 1`, `${token}é`, ` ${token}\t`];
    const messages = [];
    for (const input of inputs) {
      for (const accessToken of tokens) {
        for (const cloud of ["global", "china"]) {
          const options = { accessToken, cloud };
          const built = library.buildCreateAccessPackageRequest(input, options);
          const batches = library.buildBatchRequests([input], options);
          for (const problem of [...built.problems, ...batches.problems]) {
            messages.push(problem.message);
          }
          try {
            library.buildAccessPackageLookupRequest("", "HR", options);
          } catch (error) {
            messages.push(error.message);
          }
        }
      }
    }
    return messages;
  }, token);
}

function assertNoToken(values, fragments, label) {
  for (const value of values) {
    for (const fragment of fragments) {
      assert.ok(!String(value).includes(fragment), `${label}: ${value}`);
    }
  }
}

// Checks every place outside the page too: console messages, page errors, request URLs, and
// that only requests to the Graph API carried an Authorization header.
async function assertTokenNowhere(opened, fragments) {
  const { page, consoleMessages, pageErrors, requests } = opened;
  assert.deepEqual(await findTokenInPage(page, fragments), []);
  assertNoToken(consoleMessages, fragments, "console message");
  assertNoToken(pageErrors.map((error) => error.stack ?? String(error)), fragments, "page error");
  assertNoToken(requests.map((request) => request.url), fragments, "request URL");
  const apiOrigin = new URL(emulator.apiUrl).origin;
  for (const request of requests) {
    if (request.authorization !== undefined) {
      assert.equal(new URL(request.url).origin, apiOrigin, request.url);
    }
  }
}

async function runBulk(page, rowCount, prefix) {
  await page.getByRole("tab", { name: "Bulk create" }).click();
  await page.waitForFunction(() => !document.getElementById("bulk-file").disabled);
  const lines = ["displayName,catalogId"];
  for (let row = 0; row < rowCount; row += 1) lines.push(`${prefix} ${row},${SALES}`);
  await page.getByLabel("CSV or JSON file").setInputFiles({
    name: `${prefix}.csv`,
    mimeType: "text/csv",
    buffer: Buffer.from(lines.join("\r\n")),
  });
  await waitForText(() => text(page, "#bulk-file-status"), `Read ${prefix}.csv`);
  await page.getByRole("button", { name: `Send ${rowCount} rows` }).click();
  await page.locator("#bulk-results-table").waitFor();
}

async function downloadResults(page) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download results (CSV)" }).click(),
  ]);
  return readFile(await download.path(), "utf8");
}

for (const [label, token, fragments] of TOKENS) {
  test(`${label} token leaks nowhere`, async (t) => {
    const opened = await openPage(t);
    const { page } = opened;
    // Fulfills the create POST in place of the emulator, or undefined to pass it on.
    let fault;
    await page.route(isCreate, (route) => {
      if (route.request().method() !== "POST" || fault === undefined) return route.fallback();
      return fault(route);
    });

    await page.getByLabel("Access token").fill(token);
    await page.getByLabel("Display name").fill("token test");
    await page.getByLabel("Catalog ID").fill(SALES);
    await sendAndWait(page, "Created the access package");
    await sendAndWait(page, "Not created: HTTP 409 DuplicateAccessPackage");
    fault = (route) => graphError(route, 429, "TooManyRequests", "Too many requests.", { "Retry-After": "7" });
    const throttled = await sendAndWait(page, "Not created: HTTP 429 TooManyRequests");
    assert.ok(throttled.includes("Yes, after 7 seconds."), throttled);

    await page.getByRole("button", { name: "Load catalogs" }).click();
    await waitForText(() => text(page, "#load-catalogs-status"), "Loaded 5 catalogs");

    await runBulk(page, 3, `bulk ${label}`);
    assert.equal(await text(page, "#bulk-results-summary"), "3 created.");
    const resultsCsv = await downloadResults(page);
    assert.ok(resultsCsv.includes("created"), resultsCsv);
    assertNoToken([resultsCsv], fragments, "results CSV");

    assertNoToken(await libraryMessages(page, token), fragments, "problem message");
    assert.equal(await page.getByLabel("Access token").inputValue(), token);
    await assertTokenNowhere(opened, fragments);

    // A 401 clears the token, and the page shows what to do.
    await page.getByRole("tab", { name: "Single create" }).click();
    fault = unauthorized;
    await sendAndWait(page, "Not created: HTTP 401 InvalidAuthenticationToken");
    assert.equal(await page.getByLabel("Access token").inputValue(), "");
    assert.equal(await text(page, "#access-token-cleared"), CLEARED);
    assert.equal(await page.locator("#access-token-cleared").isVisible(), true);
    const preview = await text(page, "#preview");
    assert.ok(!/^Authorization:/im.test(preview), preview);
    assert.equal(await page.getByRole("button", { name: "Load catalogs" }).isDisabled(), true);
    await assertTokenNowhere(opened, fragments);

    await page.getByLabel("Access token").fill("another-token");
    assert.equal(await page.locator("#access-token-cleared").isVisible(), false);
  });
}

test("401 on the catalog list clears the token", async (t) => {
  const opened = await openPage(t);
  const { page } = opened;
  await page.route(isCatalogList, unauthorized);
  await page.getByLabel("Access token").fill(PLAIN);
  await page.getByRole("button", { name: "Load catalogs" }).click();
  await waitForText(() => text(page, "#load-catalogs-status"), "HTTP 401");
  assert.equal(await page.getByLabel("Access token").inputValue(), "");
  assert.equal(await text(page, "#access-token-cleared"), CLEARED);
  await assertTokenNowhere(opened, [PLAIN]);
});

test("401 in a bulk run clears the token", async (t) => {
  const opened = await openPage(t);
  const { page } = opened;
  await page.route(isBatch, unauthorized);
  await page.getByLabel("Access token").fill(PLAIN);
  await runBulk(page, 2, "rejected");
  const summary = await text(page, "#bulk-results-summary");
  assert.match(summary, /failed|not sent/);
  assert.equal(await page.getByLabel("Access token").inputValue(), "");
  assert.equal(await text(page, "#access-token-cleared"), CLEARED);
  const connection = await text(page, "#bulk-connection-summary");
  assert.ok(connection.includes("None. Enter one on the Single create tab."), connection);
  assertNoToken([await downloadResults(page)], [PLAIN], "results CSV");
  await assertTokenNowhere(opened, [PLAIN]);
  assert.equal((await (await fetch(`${emulator.apiUrl}/_emulator/state`)).json()).creates, 0);
});

test("search finds a planted token", async (t) => {
  // The search must report each place it reads, or the tests above prove nothing.
  const { page } = await openPage(t);
  await page.evaluate((token) => {
    localStorage.setItem("saved", token);
    sessionStorage.setItem(token, "1");
    location.hash = token;
    document.getElementById("display-name").value = token;
    document.body.dataset.saved = token;
  }, PLAIN);
  assert.deepEqual((await findTokenInPage(page, [PLAIN])).sort(), [
    "BODY# [data-saved]",
    "INPUT#display-name value",
    "localStorage saved",
    "location.hash",
    "location.href",
    "sessionStorage key",
  ]);
});
