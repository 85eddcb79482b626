// The optional "Sign in with Microsoft": MSAL's popup flow gets a delegated token for the
// chosen cloud's Graph and puts it in the form's access token field, and "Sign out" takes it
// out again. MSAL's browser build is loaded from /vendor/ only when the section is used.

import { createElement } from "./dom.js";
import { createProblemElement } from "./problems.js";
import {
  CLOUDS,
  buildMsalConfiguration,
  checkClientId,
  checkTenant,
  loopbackLoginOrigin,
  scopeFor,
} from "./signin-config.js";

const MSAL_SCRIPT_URL = "/vendor/msal-browser/msal-browser.min.js";

/** The page that receives the sign-in response in the popup; see redirect.js. */
const REDIRECT_PATH = "/redirect.html";

const page = {
  section: document.getElementById("signin"),
  clientId: document.getElementById("signin-client-id"),
  clientIdProblems: document.getElementById("signin-client-id-problems"),
  tenant: document.getElementById("signin-tenant"),
  tenantProblems: document.getElementById("signin-tenant-problems"),
  cloud: document.getElementById("signin-cloud"),
  authorityNote: document.getElementById("signin-authority-note"),
  signIn: document.getElementById("signin-button"),
  signOut: document.getElementById("signout-button"),
  status: document.getElementById("signin-status"),
  endpoint: document.getElementById("endpoint"),
  accessToken: document.getElementById("access-token"),
};

// The access token itself is kept only in the token field and in MSAL's in-memory cache.
const state = {
  // The https loopback origin that replaces the cloud's sign-in host, from /config.json.
  loginOrigin: undefined,
  // The PublicClientApplication for the settings in `clientKey`, created on first sign-in.
  client: null,
  clientKey: "",
  // `{ client, account }` while signed in, else null.
  session: null,
  busy: false,
  attempted: false,
};

let msalLoading;

/** Loads MSAL's browser build once, as a classic script that defines `globalThis.msal`. */
function loadMsal() {
  msalLoading ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = MSAL_SCRIPT_URL;
    script.addEventListener("load", () => {
      if (globalThis.msal?.PublicClientApplication === undefined) {
        reject(new Error(`${MSAL_SCRIPT_URL} loaded but did not define msal`));
      } else {
        resolve(globalThis.msal);
      }
    });
    script.addEventListener("error", () => {
      reject(new Error(`${MSAL_SCRIPT_URL} could not be loaded; run npm install`));
    });
    document.head.append(script);
  });
  // A failed load is tried again on the next sign-in.
  msalLoading.catch(() => {
    msalLoading = undefined;
  });
  return msalLoading;
}

/** Returns the client for `configuration`, creating and initializing one when it changed. */
async function clientFor(configuration) {
  const key = JSON.stringify(configuration);
  if (state.client === null || state.clientKey !== key) {
    const msal = await loadMsal();
    const client = new msal.PublicClientApplication(configuration);
    await client.initialize();
    state.client = client;
    state.clientKey = key;
  }
  return state.client;
}

/** Shows the problems of the client id and tenant, and returns whether both are valid. */
function showSettingsProblems() {
  const clientIdProblem = checkClientId(page.clientId.value.trim());
  const tenantProblem = checkTenant(page.tenant.value.trim());
  showProblem(page.clientId, page.clientIdProblems, clientIdProblem);
  showProblem(page.tenant, page.tenantProblems, tenantProblem);
  return clientIdProblem === undefined && tenantProblem === undefined;
}

function showProblem(control, container, message) {
  if (message === undefined) {
    container.replaceChildren();
    control.removeAttribute("aria-invalid");
    return;
  }
  container.replaceChildren(createProblemElement({ message, severity: "error" }));
  control.setAttribute("aria-invalid", "true");
}

function readConfiguration() {
  return buildMsalConfiguration({
    clientId: page.clientId.value.trim(),
    tenant: page.tenant.value.trim(),
    cloud: page.cloud.value,
    loginOrigin: state.loginOrigin,
    redirectUri: new URL(REDIRECT_PATH, window.location.origin).href,
  });
}

async function onSignIn() {
  state.attempted = true;
  if (!showSettingsProblems()) {
    (page.clientId.hasAttribute("aria-invalid") ? page.clientId : page.tenant).focus();
    return;
  }

  const cloud = page.cloud.value;
  state.busy = true;
  updateControls();
  showStatus("Signing in. Finish in the Microsoft sign-in window.");
  try {
    // Browsers let a page open a popup only for a short time after a click. MSAL is
    // preloaded when the section opens, so usually only initialize() runs first. A slower
    // start shows as a blocked popup.
    const client = await clientFor(readConfiguration());
    const result = await client.acquireTokenPopup({
      scopes: [scopeFor(cloud)],
      prompt: "select_account",
    });
    state.session = { client, account: result.account };
    fillToken(result.accessToken);
    showStatus(describeSession(result, cloud));
  } catch (error) {
    showStatus(describeSignInError(error), true);
  } finally {
    state.busy = false;
    updateControls();
  }
}

async function onSignOut() {
  // endSession clears state.session before its first await, so the "input" event of
  // clearToken does not end the session a second time.
  const ending = endSession(
    "Signed out. The page no longer holds the access token. "
      + "The Microsoft session in this browser stays signed in.",
  );
  clearToken();
  await ending;
  page.signIn.focus();
}

// The page's 401 handling (token.js) empties the field and makes it editable. The session
// ends with it, so that a later Sign out cannot clear a token pasted in the meantime.
async function onTokenFieldInput() {
  if (state.session !== null && !page.accessToken.readOnly) {
    await endSession("Signed out, because the access token from sign-in was cleared.");
  }
}

/** Ends the session, clears MSAL's cached tokens, then shows `message`. */
async function endSession(message) {
  const { client, account } = state.session;
  state.session = null;
  // Dropping the client drops its in-memory cache too; clearCache empties it first.
  state.client = null;
  state.clientKey = "";
  updateControls();
  try {
    await client.clearCache({ account });
    showStatus(message);
  } catch (error) {
    showStatus(`Signed out of this page, but MSAL's cache could not be cleared: ${error.message}`, true);
  }
}

// The field is read-only while signed in, so the token in it is always the one from
// sign-in. An "input" event lets both tabs validate and preview with it.
function fillToken(token) {
  page.accessToken.value = token;
  page.accessToken.readOnly = true;
  page.accessToken.dispatchEvent(new Event("input", { bubbles: true }));
}

function clearToken() {
  page.accessToken.value = "";
  page.accessToken.readOnly = false;
  page.accessToken.dispatchEvent(new Event("input", { bubbles: true }));
}

function describeSession(result, cloud) {
  const expiry = result.expiresOn instanceof Date
    ? ` It expires at ${result.expiresOn.toLocaleTimeString()}; sign out and in again for a new one.`
    : "";
  return `Signed in as ${result.account?.username ?? "an unnamed account"}. The access token for `
    + `${CLOUDS[cloud].graphHost} is in the form, not shown.${expiry}`;
}

/** Describes an error of MSAL (with `errorCode`) or of loading it, with what to do next. */
function describeSignInError(error) {
  switch (error?.errorCode) {
    case "user_cancelled":
      return "Sign-in was cancelled: the sign-in window was closed before it finished.";
    case "popup_window_error":
    case "empty_window_error":
      return "The browser blocked the sign-in window. Allow pop-ups for this page and sign in again.";
    case "interaction_in_progress":
      return "Another sign-in is still open in this browser. Finish or close it, then sign in again.";
    // NOTE: MSAL 5.31 does not watch the popup, so closing it shows up here only after its
    // popupBridgeTimeout (60 seconds by default), not as user_cancelled.
    case "timed_out":
      return "No sign-in response came in time, or the sign-in window was closed. Sign in again.";
    default:
      break;
  }
  const code = error?.errorCode ? `${error.errorCode}: ` : "";
  return `Sign-in failed: ${code}${error?.errorMessage || error?.message || error}`;
}

function showStatus(text, failed = false) {
  page.status.textContent = text;
  page.status.classList.toggle("signin-status-failed", failed);
}

function updateControls() {
  const signedIn = state.session !== null;
  for (const control of [page.clientId, page.tenant, page.cloud]) {
    control.disabled = signedIn || state.busy;
  }
  page.signIn.hidden = signedIn;
  page.signIn.disabled = state.busy;
  page.signOut.hidden = !signedIn;
}

// Follows the endpoint when it is a national cloud, since a token is valid in one cloud only.
function onEndpointChange() {
  if (state.session === null && page.endpoint.value in CLOUDS) {
    page.cloud.value = page.endpoint.value;
  }
}

async function loadConfig() {
  try {
    const response = await fetch("/config.json");
    return response.ok ? await response.json() : {};
  } catch {
    return {};
  }
}

/** Fills empty fields from the optional /config.json fields and notes a mock authority. */
function applyConfig(config) {
  if (typeof config?.signInClientId === "string" && page.clientId.value === "") {
    page.clientId.value = config.signInClientId;
  }
  if (typeof config?.signInTenant === "string" && page.tenant.value === "") {
    page.tenant.value = config.signInTenant;
  }
  if (typeof config?.signInClientId === "string") {
    page.section.open = true;
  }

  if (config?.loginBaseUrl === undefined) {
    return;
  }
  state.loginOrigin = loopbackLoginOrigin(config.loginBaseUrl);
  page.authorityNote.hidden = false;
  page.authorityNote.replaceChildren(
    state.loginOrigin === undefined
      ? `The server's loginBaseUrl "${config.loginBaseUrl}" is ignored, because only an https `
        + "loopback URL may replace Microsoft's sign-in host."
      : createElement("span", {}, [
        "Sign-in goes to the local mock authority at ",
        createElement("code", { text: state.loginOrigin }),
        ", not to Microsoft.",
      ]),
  );
}

async function start() {
  page.signIn.addEventListener("click", onSignIn);
  page.signOut.addEventListener("click", onSignOut);
  page.endpoint.addEventListener("change", onEndpointChange);
  page.accessToken.addEventListener("input", onTokenFieldInput);
  for (const control of [page.clientId, page.tenant]) {
    control.addEventListener("input", () => {
      if (state.attempted) {
        showSettingsProblems();
      }
    });
  }
  page.section.addEventListener("toggle", () => {
    if (page.section.open) {
      loadMsal().catch(() => {});
    }
  });
  onEndpointChange();
  applyConfig(await loadConfig());
  updateControls();
}

start();
