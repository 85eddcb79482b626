// Reading the form into the library's input and options, and writing values back into it.
// Each control's `data-path` attribute is the problem path the library reports for it.

/** Other paths that the library may report for a value that a single form control edits. */
const PATH_ALIASES = new Map([
  ["catalog", "catalogId"],
  ["catalog.id", "catalogId"],
  ["accessPackageCatalog", "catalogId"],
  ["accessPackageCatalog.id", "catalogId"],
  ["options.cloud", "options.baseUrl"],
]);

/** Returns the path of the control that shows problems at `path`. */
export function normalizePath(path) {
  return PATH_ALIASES.get(path) ?? path;
}

/** Returns the control for a problem path, or null when no control shows it. */
export function controlForPath(form, path) {
  const controlPath = normalizePath(path);
  for (const control of form.querySelectorAll("[data-path]")) {
    if (control.dataset.path === controlPath) {
      return control;
    }
  }
  return null;
}

/** Returns the element next to a control that lists its problems. */
export function problemsElementOf(control) {
  return document.getElementById(`${control.id}-problems`);
}

/** Returns the selected API version, "v1.0" or "beta". */
export function selectedApiVersion(form) {
  return form.elements.apiVersion.value;
}

/** Selects the API version radio button for `apiVersion`. */
export function selectApiVersion(form, apiVersion) {
  for (const radio of form.elements.apiVersion) {
    radio.checked = radio.value === apiVersion;
  }
}

/**
 * Reads the package fields as the library's input. Empty text fields are left out, so an
 * empty display name is reported as missing, and the beta-only field is sent only for beta.
 */
export function readInput(form) {
  const { elements } = form;
  const input = {};
  for (const name of ["displayName", "description", "catalogId"]) {
    if (elements[name].value !== "") {
      input[name] = elements[name].value;
    }
  }
  input.isHidden = elements.isHidden.checked;
  if (selectedApiVersion(form) === "beta") {
    input.isRoleScopesVisible = elements.isRoleScopesVisible.checked;
  }
  return input;
}

/**
 * Builds the library's options. The "emulator" endpoint sends to `apiBaseUrl`; any other
 * endpoint value is a national cloud name and uses that cloud's Graph host.
 */
export function readOptions(form, { endpoint, apiBaseUrl, accessToken, clientRequestId }) {
  const options = { apiVersion: selectedApiVersion(form) };
  if (endpoint === "emulator") {
    options.baseUrl = apiBaseUrl;
  } else {
    options.cloud = endpoint;
  }
  if (accessToken !== "") {
    options.accessToken = accessToken;
  }
  if (clientRequestId !== undefined) {
    options.clientRequestId = clientRequestId;
  }
  return options;
}

/** Sets the package fields from `values`, as returned by `formValuesFromPackage`. */
export function writeFields(form, values) {
  const { elements } = form;
  elements.displayName.value = values.displayName;
  elements.description.value = values.description;
  elements.catalogId.value = values.catalogId;
  elements.isHidden.checked = values.isHidden;
  elements.isRoleScopesVisible.checked = values.isRoleScopesVisible;
}

/** The problem paths of the package fields, as opposed to the connection options. */
export const PACKAGE_PATHS = [
  "displayName",
  "description",
  "catalogId",
  "isHidden",
  "isRoleScopesVisible",
];
