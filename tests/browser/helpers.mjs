// Shared setup for the browser tests: headless Chromium, the local Graph emulator, and small
// waits for text that the page fills in after a fetch.

import assert from "node:assert/strict";
import { setTimeout as delay } from "node:timers/promises";

import { chromium } from "playwright-core";

/**
 * Chromium flags for a headless run in a container, with background networking, component
 * updates and sync turned off so the browser itself contacts no other host.
 */
export const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Launches Chromium from `CHROMIUM_PATH`, or /usr/bin/chromium by default. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
}

/** Returns true for a URL on a loopback host, the only hosts the page may contact. */
export function isLoopbackUrl(url) {
  const { protocol, hostname } = new URL(url);
  if (protocol === "data:" || protocol === "blob:") {
    return true;
  }
  return hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]";
}

/**
 * Opens the form in a new browser context that `t` closes when the test ends. Requests to
 * hosts other than loopback are aborted and recorded in `offLoopbackRequests`, and uncaught
 * page errors in `pageErrors`. `contextOptions` go to Playwright's browser.newContext(),
 * such as `{ ignoreHTTPSErrors: true }` for a self-signed loopback certificate. Resolves
 * once the wasm library has loaded.
 */
export async function openForm(t, browser, webUrl, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  t.after(() => context.close());

  const offLoopbackRequests = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (isLoopbackUrl(url)) {
      return route.continue();
    }
    offLoopbackRequests.push(url);
    return route.abort();
  });

  const page = await context.newPage();
  const pageErrors = [];
  const consoleMessages = [];
  const dialogs = [];
  page.on("pageerror", (error) => pageErrors.push(error));
  page.on("console", (message) => consoleMessages.push(message.text()));
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss();
  });

  await page.goto(new URL("/", webUrl).href);
  await waitForLibrary(page);
  return { page, offLoopbackRequests, pageErrors, consoleMessages, dialogs };
}

/** Waits until the page has loaded the wasm library, which enables the Send button. */
export async function waitForLibrary(page) {
  try {
    await page.waitForFunction(() => !document.getElementById("send").disabled, null, { timeout: 10_000 });
  } catch (error) {
    const status = await page.locator("#app-status").innerText();
    throw new Error(`the page did not load the library: ${status}`, { cause: error });
  }
}

/**
 * Waits until `read()` returns a text that contains `expected` (a string or a RegExp) and
 * returns that text. Fails with the last text read when `timeoutMs` passes first.
 */
export async function waitForText(read, expected, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let text = "";
  for (;;) {
    text = await read();
    const found = expected instanceof RegExp ? expected.test(text) : text.includes(expected);
    if (found) {
      return text;
    }
    if (Date.now() > deadline) {
      assert.fail(`timed out waiting for ${expected} in ${JSON.stringify(text)}`);
    }
    await delay(25);
  }
}

/**
 * Returns the text of the elements that a control's `aria-describedby` names, which is its
 * hint and its problems, as a screen reader would announce them.
 */
export async function describedText(control) {
  return control.evaluate((element) => {
    const ids = (element.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
    return ids.map((id) => document.getElementById(id)?.textContent ?? "").join(" ");
  });
}

/** Returns the problems listed beside a control, as `{ severity, text }` in page order. */
export async function fieldProblems(control) {
  return control.evaluate((element) => {
    const ids = (element.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
    const problems = [];
    for (const id of ids) {
      for (const item of document.getElementById(id)?.querySelectorAll(".problem") ?? []) {
        const severity = item.classList.contains("problem-warning") ? "warning" : "error";
        problems.push({ severity, text: item.textContent });
      }
    }
    return problems;
  });
}

/** Fetches every page of a Graph collection with `token`, following `@odata.nextLink`. */
export async function fetchAllPages(url, token) {
  const items = [];
  let pages = 0;
  for (let next = url; next !== undefined; pages += 1) {
    const response = await fetch(next, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(response.status, 200, `GET ${next} returned ${response.status}`);
    const body = await response.json();
    items.push(...body.value);
    next = body["@odata.nextLink"];
  }
  return { items, pages };
}
