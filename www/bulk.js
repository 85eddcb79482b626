// The bulk create tab: reads a CSV or JSON file of access packages, checks every row with the
// wasm library, sends the valid rows with runBulkCreate and offers the results as CSV.

import {
  createCheckCounts,
  createProblemTable,
  createRowPreview,
  describeSendPlan,
} from "./bulk-check.js";
import { describeRowsFile, readRowsFile, setUpFileChoice } from "./bulk-file.js";
import { createProgressView } from "./bulk-progress.js";
import {
  countResults,
  createResultsTable,
  describeResults,
  offerResultsDownload,
} from "./bulk-results.js";
import { checkRows, defaultCatalogProblem, prepareRows } from "./bulk-rows.js";
import { setUpTabs } from "./bulk-tabs.js";
import { readOptions, selectedApiVersion } from "./fields.js";
import { createDescriptionList } from "./dom.js";
import { createProblemElement } from "./problems.js";
import { forgetRejectedToken, isTokenRejected } from "./token.js";

/** The emulator's address, used when the server has no /config.json. */
const DEFAULT_API_BASE_URL = "http://127.0.0.1:8081";

/** How long typing in the default catalog field pauses before the rows are checked again. */
const CHECK_DELAY_MS = 150;

// The connection settings are the single form's, so the token is entered once for both tabs.
const packageForm = document.getElementById("package-form");
const page = {
  tablist: document.querySelector('[role="tablist"]'),
  status: document.getElementById("bulk-status"),
  connectionSummary: document.getElementById("bulk-connection-summary"),
  changeConnection: document.getElementById("bulk-change-connection"),
  endpoint: document.getElementById("endpoint"),
  accessToken: document.getElementById("access-token"),
  accessTokenCleared: document.getElementById("access-token-cleared"),
  fileFields: document.getElementById("bulk-file-fields"),
  fileInput: document.getElementById("bulk-file"),
  dropZone: document.getElementById("bulk-drop-zone"),
  fileStatus: document.getElementById("bulk-file-status"),
  defaultCatalog: document.getElementById("bulk-default-catalog"),
  defaultCatalogProblems: document.getElementById("bulk-default-catalog-problems"),
  checkStatus: document.getElementById("bulk-check-status"),
  counts: document.getElementById("bulk-counts"),
  problems: document.getElementById("bulk-problems"),
  preview: document.getElementById("bulk-preview"),
  sendPlan: document.getElementById("bulk-send-plan"),
  send: document.getElementById("bulk-send"),
  cancel: document.getElementById("bulk-cancel"),
  progressArea: document.getElementById("bulk-progress-area"),
  resultsSection: document.getElementById("bulk-results-section"),
  resultsSummary: document.getElementById("bulk-results-summary"),
  results: document.getElementById("bulk-results"),
  download: document.getElementById("bulk-download"),
};

const progressView = createProgressView({
  bar: document.getElementById("bulk-progress"),
  text: document.getElementById("bulk-progress-text"),
  announcement: document.getElementById("bulk-announcement"),
});

// As in the single form, the access token is read from its field when needed and kept nowhere
// else: not in storage, the URL, the console or the results file.
const state = {
  library: null,
  apiBaseUrl: DEFAULT_API_BASE_URL,
  // The file as read: { name, format, encoding, parsed }.
  file: null,
  // Increases with each chosen file, so a file that finishes reading late is ignored.
  fileGeneration: 0,
  prepared: null,
  check: null,
  // The AbortController of the run in progress, or null.
  run: null,
  checkTimer: undefined,
  releaseDownload: () => {},
};

function currentOptions() {
  return readOptions(packageForm, {
    endpoint: page.endpoint.value,
    apiBaseUrl: state.apiBaseUrl,
    accessToken: page.accessToken.value,
  });
}

/** Describes an Error thrown by the library (an invalid option) as a problem of the settings. */
function problemFromError(error) {
  return {
    path: "",
    code: error?.code ?? "internal_error",
    message: String(error?.message ?? error),
    severity: "error",
  };
}

function canSend() {
  const check = state.check;
  return typeof state.library?.runBulkCreate === "function"
    && state.run === null
    && check !== null
    && check.fileErrors.length === 0
    && !check.optionProblems.some((problem) => problem.severity === "error")
    && check.batchCount > 0;
}

function updateSendButton() {
  page.send.disabled = !canSend();
  const count = state.check?.validCount ?? 0;
  page.send.textContent = count === 1 ? "Send 1 row" : `Send ${count} rows`;
}

/** Checks the file's rows with the current settings and shows what a send would do. */
function refreshCheck() {
  clearTimeout(state.checkTimer);
  if (state.library === null || state.file === null || state.run !== null) {
    return;
  }

  state.prepared = prepareRows(state.file.parsed, page.defaultCatalog.value);
  try {
    state.check = checkRows(state.library, state.file.parsed, state.prepared, currentOptions());
  } catch (error) {
    const problem = problemFromError(error);
    state.check = {
      problems: [problem],
      rowCount: state.file.parsed.rows.length,
      validCount: 0,
      errorRowCount: 0,
      warningRowCount: 0,
      batchCount: 0,
      fileErrors: [],
      optionProblems: [problem],
    };
  }
  showCheck(state.check);
}

function showCheck(check) {
  const catalogMessage = defaultCatalogProblem(check.problems, state.prepared.defaultedRows);
  page.defaultCatalogProblems.replaceChildren();
  if (catalogMessage !== undefined) {
    const problem = { severity: "error", message: `Rows that use the default: ${catalogMessage}` };
    page.defaultCatalogProblems.append(createProblemElement(problem));
  }

  page.checkStatus.textContent = "";
  page.counts.replaceChildren(createCheckCounts(check));
  page.problems.replaceChildren(createProblemTable(check.problems));
  page.preview.replaceChildren(createRowPreview(state.prepared.rows));
  page.sendPlan.textContent = describeSendPlan(check);
  updateSendButton();
}

function clearResults() {
  state.releaseDownload();
  state.releaseDownload = () => {};
  page.resultsSection.hidden = true;
  page.results.replaceChildren();
  page.progressArea.hidden = true;
}

async function onFiles(files) {
  if (files.length > 1) {
    page.fileStatus.textContent = `Drop one file at a time; ${files.length} were dropped.`;
    return;
  }
  const generation = ++state.fileGeneration;
  page.fileStatus.textContent = `Reading ${files[0].name}…`;
  let file;
  try {
    file = await readRowsFile(state.library, files[0]);
  } catch (error) {
    if (generation === state.fileGeneration) {
      page.fileStatus.textContent = `Could not read ${files[0].name}: ${error.message}`;
    }
    return;
  }
  if (generation !== state.fileGeneration) {
    return;
  }

  state.file = file;
  page.fileStatus.textContent = describeRowsFile(file);
  clearResults();
  refreshCheck();
}

/** Puts each row's parse problems into its result, since the runner got `null` for that row. */
function withParseProblems(results, blockedRows) {
  return results.map((result) => {
    const problems = blockedRows.get(result.row);
    if (problems === undefined || result.status !== "invalid") {
      return result;
    }
    return { ...result, error: problems, code: problems[0].code, message: problems[0].message };
  });
}

function setRunning(running) {
  page.fileFields.disabled = running;
  page.cancel.hidden = !running;
  page.cancel.disabled = !running;
  page.cancel.textContent = "Cancel";
  updateSendButton();
}

async function onSend() {
  if (!canSend()) {
    return;
  }
  const prepared = state.prepared;
  const controller = new AbortController();
  state.run = controller;
  clearResults();
  setRunning(true);
  page.progressArea.hidden = false;
  const total = prepared.inputs.length;
  progressView.start(total, `Sending ${state.check.validCount} of ${total} rows…`);

  let results;
  try {
    results = await state.library.runBulkCreate(prepared.inputs, {
      ...currentOptions(),
      signal: controller.signal,
      onProgress: progressView.report,
    });
  } catch (error) {
    progressView.finish(
      { done: 0, total, created: 0, exists: 0, failed: 0, invalid: 0, waiting: 0, waitSeconds: 0 },
      `The run stopped with an error, so its results are unknown: ${error.message}`,
    );
    return;
  } finally {
    state.run = null;
    setRunning(false);
  }

  showResults(withParseProblems(results, prepared.blockedRows), controller.signal.aborted);
  if (results.some((result) => isTokenRejected(result.error))) {
    forgetRejectedToken({ field: page.accessToken, notice: page.accessTokenCleared });
  }
}

function showResults(results, cancelled) {
  const counts = countResults(results);
  let ending = "Finished.";
  if (cancelled) {
    ending = "Cancelled: the rows not sent yet were left out.";
  } else if (counts.notSent > 0) {
    ending = "Stopped early: the results say why.";
  }
  progressView.finish(counts, ending);

  page.resultsSummary.textContent = describeResults(results);
  page.results.replaceChildren(createResultsTable(results));
  state.releaseDownload = offerResultsDownload(page.download, results);
  page.resultsSection.hidden = false;
}

function onCancel() {
  state.run?.abort();
  page.cancel.disabled = true;
  page.cancel.textContent = "Cancelling…";
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

function scheduleCheck() {
  clearTimeout(state.checkTimer);
  state.checkTimer = setTimeout(refreshCheck, CHECK_DELAY_MS);
}

/** Shows the single form's connection settings, with the token only as entered or not. */
function showConnection() {
  const endpoint = page.endpoint.selectedOptions[0]?.textContent ?? page.endpoint.value;
  const token = page.accessToken.value === ""
    ? "None. Enter one on the Single create tab."
    : "Entered (not shown)";
  page.connectionSummary.replaceChildren(createDescriptionList([
    ["Endpoint", endpoint],
    ["API version", selectedApiVersion(packageForm)],
    ["Access token", token],
  ], "result-details"));
}

function onConnectionEdited(event) {
  const target = event.target;
  if (target !== page.endpoint && target !== page.accessToken && target.name !== "apiVersion") {
    return;
  }
  showConnection();
  scheduleCheck();
}

async function start() {
  const selectTab = setUpTabs(page.tablist, showConnection);
  page.changeConnection.addEventListener("click", () => {
    selectTab("tab-single");
    page.endpoint.focus();
  });
  page.fileInput.disabled = true;
  packageForm.addEventListener("input", onConnectionEdited);
  packageForm.addEventListener("change", onConnectionEdited);
  page.defaultCatalog.addEventListener("input", scheduleCheck);
  page.send.addEventListener("click", onSend);
  page.cancel.addEventListener("click", onCancel);
  setUpFileChoice({ input: page.fileInput, dropZone: page.dropZone }, onFiles);
  showConnection();

  // app.js loads the same address and puts it into the endpoint's label.
  state.apiBaseUrl = await loadApiBaseUrl();

  try {
    state.library = await loadLibrary();
  } catch (error) {
    page.status.textContent = "The validator could not be loaded from /pkg/browser.js "
      + `(${error.message}). Build it with "bash scripts/build.sh" and reload the page.`;
    page.status.classList.add("app-status-failed");
    return;
  }

  page.fileInput.disabled = false;
  if (typeof state.library.runBulkCreate === "function") {
    page.status.textContent = "";
    page.status.hidden = true;
  } else {
    page.status.textContent = "This build of /pkg/browser.js has no runBulkCreate, so rows can be "
      + 'checked but not sent. Rebuild it with "bash scripts/build.sh" and reload the page.';
    page.status.classList.add("app-status-failed");
  }
}

start();
