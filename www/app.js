// The access package form: validates with the wasm library as you type, previews the request,
// sends it, lists catalogs and fills the form from pasted JSON.

import {
  buildCatalogListRequest,
  fetchAllCatalogs,
  findCatalogById,
  findCatalogsByName,
  showCatalogListOutcome,
  showCatalogOptions,
  showCatalogSuggestions,
} from "./catalogs.js";
import {
  PACKAGE_PATHS,
  readInput,
  readOptions,
  selectApiVersion,
  selectedApiVersion,
  writeFields,
} from "./fields.js";
import {
  formValuesFromPackage,
  inferApiVersion,
  isJsonObject,
  parsePackageJson,
  problemsOnlyInJson,
  showJsonProblems,
} from "./paste.js";
import { setupCopyAs, showCopyAvailability } from "./copy-panel.js";
import { addHistoryEntry } from "./history.js";
import { showFieldProblems, showSummary } from "./problems.js";
import { showPreview } from "./preview.js";
import { sendCreateRequest, showResult, showSending } from "./send.js";
import { forgetRejectedToken, isTokenRejected, setUpTokenNotice } from "./token.js";

/** The emulator's address, used when the server has no /config.json. */
const DEFAULT_API_BASE_URL = "http://127.0.0.1:8081";

const form = document.getElementById("package-form");
const page = {
  appStatus: document.getElementById("app-status"),
  summary: document.getElementById("problem-summary"),
  endpoint: document.getElementById("endpoint"),
  accessToken: document.getElementById("access-token"),
  accessTokenCleared: document.getElementById("access-token-cleared"),
  catalogId: document.getElementById("catalog-id"),
  roleScopesField: document.getElementById("role-scopes-field"),
  send: document.getElementById("send"),
  result: document.getElementById("result"),
  preview: document.getElementById("preview"),
  previewStatus: document.getElementById("preview-status"),
  loadCatalogs: document.getElementById("load-catalogs"),
  loadCatalogsHint: document.getElementById("load-catalogs-hint"),
  loadCatalogsStatus: document.getElementById("load-catalogs-status"),
  catalogSelect: document.getElementById("catalog-select"),
  catalogSelectField: document.getElementById("catalog-select-field"),
  catalogDatalist: document.getElementById("catalog-datalist"),
  catalogMatch: document.getElementById("catalog-match"),
  catalogSuggestions: document.getElementById("catalog-suggestions"),
  packageJson: document.getElementById("package-json"),
  fillFromJson: document.getElementById("fill-from-json"),
  packageJsonProblems: document.getElementById("package-json-problems"),
};
const copyElements = {
  buttons: document.querySelectorAll("[data-copy-format]"),
  includeToken: document.getElementById("copy-include-token"),
  status: document.getElementById("copy-status"),
  fallback: document.getElementById("copy-fallback"),
  fallbackText: document.getElementById("copy-text"),
};
const historyElements = {
  list: document.getElementById("history-list"),
  emptyNote: document.getElementById("history-empty"),
  linkNote: document.getElementById("history-link-note"),
};

// The access token is read from its field when needed and never stored elsewhere: not in
// storage, the URL, the history or the console.
const state = {
  library: null,
  apiBaseUrl: DEFAULT_API_BASE_URL,
  clientRequestId: newClientRequestId(),
  // Paths whose problems are shown. A field is added once it is edited, and after a submit
  // every path is shown.
  touched: new Set(["options.baseUrl"]),
  submitAttempted: false,
  sending: false,
  catalogs: [],
  // Increases whenever the endpoint changes, so a listing that finishes late is ignored.
  catalogGeneration: 0,
  loadingCatalogs: false,
};

function tokenElements() {
  return { field: page.accessToken, notice: page.accessTokenCleared };
}

function newClientRequestId() {
  return globalThis.crypto?.randomUUID?.();
}

function currentOptions() {
  return readOptions(form, {
    endpoint: page.endpoint.value,
    apiBaseUrl: state.apiBaseUrl,
    accessToken: page.accessToken.value,
    clientRequestId: state.clientRequestId,
  });
}

/** Describes an Error thrown by the library (an invalid option) as a problem for the whole form. */
function problemFromError(error) {
  return {
    path: "",
    code: error?.code ?? "internal_error",
    message: String(error?.message ?? error),
    severity: "error",
  };
}

/** Validates the form, shows its problems and the preview, and returns the build result. */
function refresh() {
  page.roleScopesField.hidden = selectedApiVersion(form) !== "beta";
  updateCatalogControls();
  if (state.library === null) {
    return { valid: false, problems: [] };
  }

  let built;
  try {
    built = state.library.buildCreateAccessPackageRequest(readInput(form), currentOptions());
  } catch (error) {
    built = { valid: false, problems: [problemFromError(error)] };
  }

  const isShown = (path) => state.submitAttempted || state.touched.has(path);
  showFieldProblems(form, built.problems, isShown);
  if (state.submitAttempted) {
    showSummary(page.summary, form, built.problems);
  }
  showPreview({ preview: page.preview, status: page.previewStatus }, built);
  showCopyAvailability(copyElements, built.valid);
  return built;
}

function updateCatalogControls() {
  const ready = state.library !== null && page.accessToken.value !== "";
  page.loadCatalogs.disabled = !ready || state.loadingCatalogs;
  page.loadCatalogsHint.hidden = ready;

  const text = page.catalogId.value;
  const match = findCatalogById(state.catalogs, text);
  page.catalogMatch.hidden = match === undefined;
  page.catalogMatch.textContent = match === undefined ? "" : `Catalog: ${match.displayName}`;
  page.catalogSelect.value = match?.id ?? "";
  showCatalogSuggestions(page.catalogSuggestions, findCatalogsByName(state.catalogs, text), useCatalog);
}

function useCatalog(catalog) {
  page.catalogId.value = catalog.id;
  state.touched.add("catalogId");
  refresh();
  page.catalogId.focus();
}

function describeSentRequest(request) {
  const catalogId = page.catalogId.value.trim();
  const catalogName = findCatalogById(state.catalogs, catalogId)?.displayName;
  return {
    catalog: catalogName === undefined ? catalogId : `${catalogName} (${catalogId})`,
    clientRequestId: request.headers["client-request-id"],
  };
}

async function onSubmit(event) {
  event.preventDefault();
  if (state.sending || state.library === null) {
    return;
  }
  state.submitAttempted = true;
  const built = refresh();
  if (!built.valid) {
    page.summary.focus();
    return;
  }

  state.sending = true;
  page.send.disabled = true;
  showSending(page.result, built.request.url);
  const sent = describeSentRequest(built.request);
  try {
    const outcome = await sendCreateRequest(state.library, built.request);
    showResult(page.result, outcome, sent);
    if (isTokenRejected(outcome.error)) {
      forgetRejectedToken(tokenElements());
    }
    if (outcome.ok) {
      addHistoryEntry(historyElements, {
        displayName: outcome.accessPackage.displayName,
        id: outcome.accessPackage.id,
        catalog: sent.catalog,
        createdAt: new Date(),
        createUrl: built.request.url,
      });
    }
  } catch (error) {
    const internal = problemFromError(error);
    const failure = { status: 0, code: internal.code, message: internal.message, retryable: false };
    showResult(page.result, { ok: false, error: failure }, sent);
  } finally {
    state.sending = false;
    page.send.disabled = false;
    // Each create gets its own client-request-id, so Graph's logs tell the tries apart.
    state.clientRequestId = newClientRequestId();
    refresh();
  }
}

function catalogPicker() {
  return {
    select: page.catalogSelect,
    selectField: page.catalogSelectField,
    datalist: page.catalogDatalist,
  };
}

async function onLoadCatalogs() {
  let request;
  try {
    request = buildCatalogListRequest(state.library, currentOptions());
  } catch (error) {
    page.loadCatalogsStatus.textContent = `Could not build the catalog list request: ${error.message}`;
    return;
  }

  const generation = state.catalogGeneration;
  state.loadingCatalogs = true;
  updateCatalogControls();
  page.loadCatalogsStatus.textContent = "Loading catalogs…";
  const outcome = await fetchAllCatalogs(state.library, request);
  state.loadingCatalogs = false;
  if (generation !== state.catalogGeneration) {
    updateCatalogControls();
    return;
  }

  if (outcome.ok) {
    state.catalogs = outcome.catalogs;
    showCatalogOptions(catalogPicker(), outcome.catalogs);
  }
  showCatalogListOutcome(page.loadCatalogsStatus, outcome);
  if (isTokenRejected(outcome.error)) {
    forgetRejectedToken(tokenElements());
  }
  updateCatalogControls();
}

function onEndpointChange() {
  // Catalogs belong to the tenant behind an endpoint, so a list from another endpoint is dropped.
  state.catalogGeneration += 1;
  state.catalogs = [];
  showCatalogOptions(catalogPicker(), []);
  page.catalogSelectField.hidden = true;
  page.loadCatalogsStatus.textContent = "";
  refresh();
}

function onFillFromJson() {
  const parsed = parsePackageJson(page.packageJson.value);
  if (parsed.message !== undefined) {
    const problem = { path: "", code: "invalid_json", message: parsed.message, severity: "error" };
    showJsonProblems(page.packageJsonProblems, [problem], "");
    return;
  }
  const apiVersion = isJsonObject(parsed.value) ? inferApiVersion(parsed.value) : undefined;
  if (apiVersion !== undefined) {
    selectApiVersion(form, apiVersion);
  }

  let jsonProblems;
  try {
    jsonProblems = state.library.validateAccessPackage(parsed.value, currentOptions()).problems;
  } catch (error) {
    jsonProblems = [problemFromError(error)];
  }
  if (!isJsonObject(parsed.value)) {
    showJsonProblems(page.packageJsonProblems, jsonProblems, "The form was not changed.");
    return;
  }

  writeFields(form, formValuesFromPackage(parsed.value));
  for (const path of PACKAGE_PATHS) {
    state.touched.add(path);
  }
  const built = refresh();
  const versionNote = apiVersion === undefined
    ? ""
    : ` The API version is now ${apiVersion}, because the JSON has properties that only ${apiVersion} has.`;
  showJsonProblems(
    page.packageJsonProblems,
    problemsOnlyInJson(jsonProblems, built.problems),
    `Filled the form from the JSON.${versionNote}`,
  );
}

function onFieldEdited(event) {
  const path = event.target.dataset?.path;
  if (path !== undefined) {
    state.touched.add(path);
  }
  refresh();
}

async function loadLibrary() {
  const library = await import("/pkg/browser.js");
  await library.default();
  return library;
}

async function loadApiBaseUrl() {
  try {
    const response = await fetch("/config.json");
    if (!response.ok) {
      return DEFAULT_API_BASE_URL;
    }
    const config = await response.json();
    return typeof config?.apiBaseUrl === "string" ? config.apiBaseUrl : DEFAULT_API_BASE_URL;
  } catch {
    return DEFAULT_API_BASE_URL;
  }
}

async function start() {
  form.addEventListener("input", onFieldEdited);
  form.addEventListener("change", onFieldEdited);
  form.addEventListener("submit", onSubmit);
  page.endpoint.addEventListener("change", onEndpointChange);
  page.loadCatalogs.addEventListener("click", onLoadCatalogs);
  setUpTokenNotice(tokenElements());
  // "input" comes before the "change" that reaches the form, whose refresh would otherwise
  // reset the select to match the still-empty catalog ID field.
  page.catalogSelect.addEventListener("input", () => {
    const catalog = findCatalogById(state.catalogs, page.catalogSelect.value);
    if (catalog !== undefined) {
      useCatalog(catalog);
    }
  });

  state.apiBaseUrl = await loadApiBaseUrl();
  page.endpoint.options[0].textContent = `Local emulator (${state.apiBaseUrl})`;

  try {
    state.library = await loadLibrary();
  } catch (error) {
    page.appStatus.textContent = "The validator could not be loaded from /pkg/browser.js "
      + `(${error.message}). Build it with "bash scripts/build.sh" and reload the page.`;
    page.appStatus.classList.add("app-status-failed");
    return;
  }

  page.appStatus.textContent = "";
  page.appStatus.hidden = true;
  page.send.disabled = false;
  page.fillFromJson.addEventListener("click", onFillFromJson);
  setupCopyAs(copyElements, () => {
    const built = refresh();
    return built.valid ? built.request : undefined;
  });
  refresh();
}

start();
