// Drives the "Copy as" buttons and the list of packages created in this tab in headless
// Chromium against the local Graph emulator.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { after, before, beforeEach, test } from "node:test";

import { startEmulator } from "../../emulator/server.mjs";
import { formatCurl, formatFetch, formatRestMethod } from "../../www/copy-as.js";
import { launchChromium, openForm, waitForText } from "./helpers.mjs";

const TOKEN = "test-token-for-copy";
const SALES_CATALOG_ID = "66584aae-98bb-48cc-9458-7bee5d2a6577";
const SALES_CATALOG_LABEL = `Sales and Marketing (${SALES_CATALOG_ID})`;
const HOSTILE_NAME = "O'Brien ‘ops’ \"team\" $HOME `whoami` 😀 <img src=x onerror=alert(1)>";

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

async function openWithClipboard(t) {
  const opened = await openForm(t, browser, emulator.webUrl);
  await opened.page.context().grantPermissions(["clipboard-read", "clipboard-write"], {
    origin: emulator.webUrl,
  });
  return opened;
}

async function fillForm(page, displayName) {
  await page.getByLabel("Access token").fill(TOKEN);
  await page.getByLabel("Display name").fill(displayName);
  await page.getByLabel("Catalog ID").fill(SALES_CATALOG_ID);
}

/**
 * Rebuilds the request from the preview, whose lines are the request line, the headers and
 * the body, with the Authorization value masked there and set to `token` here.
 */
async function requestFromPreview(page, token) {
  const text = await page.locator("#preview").textContent();
  const [head, body] = text.split("\n\n");
  const [requestLine, ...headerLines] = head.split("\n");
  const [method, url] = requestLine.split(" ");
  const headers = {};
  for (const line of headerLines) {
    const separator = line.indexOf(": ");
    headers[line.slice(0, separator)] = line.slice(separator + 2);
  }
  headers.Authorization = `Bearer ${token}`;
  return { method, url, headers, body };
}

function readClipboard(page) {
  return page.evaluate(() => navigator.clipboard.readText());
}

function copyStatus(page) {
  return () => page.locator("#copy-status").innerText();
}

test("copy buttons wait for a valid form", async (t) => {
  const { page } = await openWithClipboard(t);
  const curl = page.getByRole("button", { name: "curl (bash)" });
  assert.equal(await curl.isDisabled(), true);
  await fillForm(page, "sales reps");
  await page.waitForFunction(() => !document.querySelector("[data-copy-format]").disabled);
  for (const name of ["curl (bash)", "PowerShell: Invoke-MgGraphRequest", "PowerShell: Invoke-RestMethod", "JavaScript fetch"]) {
    assert.equal(await page.getByRole("button", { name }).isEnabled(), true, name);
  }
});

test("curl copy leaves the token out", async (t) => {
  const { page, consoleMessages } = await openWithClipboard(t);
  await fillForm(page, HOSTILE_NAME);
  await page.getByRole("button", { name: "curl (bash)" }).click();
  const status = await waitForText(copyStatus(page), "Copied");
  assert.equal(status, "Copied the request as curl (bash). It reads the access token from $GRAPH_TOKEN.");

  const copied = await readClipboard(page);
  const request = await requestFromPreview(page, TOKEN);
  assert.equal(copied, formatCurl(request));
  assert.ok(!copied.includes(TOKEN), "the token was copied");
  assert.ok(!consoleMessages.some((message) => message.includes(TOKEN)), "the token reached the console");
});

test("copied curl creates the package", async (t) => {
  const { page } = await openWithClipboard(t);
  await fillForm(page, HOSTILE_NAME);
  await page.getByRole("button", { name: "curl (bash)" }).click();
  await waitForText(copyStatus(page), "Copied");
  const copied = await readClipboard(page);

  // Asynchronous, because the emulator that serves curl runs in this process.
  const { stdout } = await promisify(execFile)("bash", ["--noprofile", "--norc", "-c", `${copied} --silent`], {
    env: { PATH: process.env.PATH, GRAPH_TOKEN: TOKEN },
    encoding: "utf8",
  });
  const created = JSON.parse(stdout);
  assert.equal(created.displayName, HOSTILE_NAME);
  const response = await fetch(new URL("/_emulator/state", emulator.apiUrl));
  const state = await response.json();
  assert.equal(state.packages.length, 1);
  assert.equal(state.packages[0].displayName, HOSTILE_NAME);
});

test("token box applies to one copy", async (t) => {
  const { page } = await openWithClipboard(t);
  await fillForm(page, HOSTILE_NAME);
  const includeToken = page.getByLabel("Include the token in the next copy");
  await includeToken.check();
  await page.getByRole("button", { name: "PowerShell: Invoke-RestMethod" }).click();
  await waitForText(copyStatus(page), "keep it private");

  const withToken = await readClipboard(page);
  const request = await requestFromPreview(page, TOKEN);
  assert.equal(withToken, formatRestMethod(request, { includeToken: true }));
  assert.ok(withToken.includes(`'Authorization' = 'Bearer ${TOKEN}'`));
  assert.equal(await includeToken.isChecked(), false);

  await page.getByRole("button", { name: "JavaScript fetch" }).click();
  await waitForText(copyStatus(page), "process.env.GRAPH_TOKEN");
  const withoutToken = await readClipboard(page);
  assert.equal(withoutToken, formatFetch(request));
  assert.ok(!withoutToken.includes(TOKEN));
});

test("blocked clipboard shows the text", async (t) => {
  const { page } = await openWithClipboard(t);
  await fillForm(page, "sales reps");
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException("blocked", "NotAllowedError"));
  });
  await page.getByRole("button", { name: "curl (bash)" }).click();
  const status = await waitForText(copyStatus(page), "did not allow");
  assert.match(status, /NotAllowedError/);

  const textArea = page.getByLabel("Text to copy");
  assert.equal(await textArea.isVisible(), true);
  assert.equal(await textArea.getAttribute("readonly"), "");
  const request = await requestFromPreview(page, TOKEN);
  assert.equal(await textArea.inputValue(), formatCurl(request));
  const focusedId = await page.evaluate(() => document.activeElement?.id);
  assert.equal(focusedId, "copy-text");
});

function historyEntries(page) {
  return page.locator("#history-list > li").evaluateAll((items) => items.map((item) => {
    const values = {};
    const terms = item.querySelectorAll("dt");
    for (const term of terms) {
      values[term.textContent] = term.nextElementSibling.textContent;
    }
    const link = item.querySelector("a");
    values.href = link?.getAttribute("href");
    values.target = link?.getAttribute("target");
    values.rel = link?.getAttribute("rel");
    values.datetime = item.querySelector("time")?.getAttribute("datetime");
    values.images = item.querySelectorAll("img").length;
    return values;
  }));
}

async function sendAndWait(page) {
  await page.getByRole("button", { name: "Send request" }).click();
  const result = page.getByRole("region", { name: "Result" });
  return waitForText(() => result.innerText(), /Created the access package|Not created/);
}

test("history lists creates newest first", async (t) => {
  const { page } = await openForm(t, browser, emulator.webUrl);
  const historyRegion = page.getByRole("region", { name: "Created in this tab" });
  assert.match(await historyRegion.innerText(), /listed until you close or reload/);

  await page.getByLabel("Access token").fill(TOKEN);
  await page.getByRole("button", { name: "Load catalogs" }).click();
  await page.getByLabel("Loaded catalogs").selectOption({ label: SALES_CATALOG_LABEL });
  await page.getByLabel("Display name").fill(HOSTILE_NAME);
  await sendAndWait(page);
  await page.getByLabel("Display name").fill("second package");
  await page.getByLabel("beta").check();
  await sendAndWait(page);

  // The same name again is a 409, which adds nothing.
  const conflict = await sendAndWait(page);
  assert.match(conflict, /409/);

  const state = await (await fetch(new URL("/_emulator/state", emulator.apiUrl))).json();
  const idOf = (name) => state.packages.find((item) => item.displayName === name).id;
  const entries = await historyEntries(page);
  assert.equal(entries.length, 2);
  const [second, first] = entries;

  const base = `${emulator.apiUrl}/%s/identityGovernance/entitlementManagement/accessPackages/`;
  assert.equal(first.Name, HOSTILE_NAME);
  assert.equal(first.ID, idOf(HOSTILE_NAME));
  assert.equal(first.Catalog, SALES_CATALOG_LABEL);
  assert.equal(first.href, base.replace("%s", "v1.0") + idOf(HOSTILE_NAME));
  assert.equal(first.GET, first.href);
  assert.equal(first.images, 0);
  assert.equal(first.target, "_blank");
  assert.equal(first.rel, "noopener noreferrer");
  assert.ok(!Number.isNaN(Date.parse(first.datetime)), first.datetime);

  assert.equal(second.Name, "second package");
  assert.equal(second.href, base.replace("%s", "beta") + idOf("second package"));

  const response = await fetch(second.href, { headers: { Authorization: `Bearer ${TOKEN}` } });
  assert.equal(response.status, 200);
  assert.equal((await response.json()).displayName, "second package");
});
