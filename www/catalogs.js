// Listing the tenant's catalogs across every page, and matching typed names to them.

import { createElement } from "./dom.js";
import { sendRequest } from "./send.js";

/** Any valid catalog id works here: it only marks where the catalog path ends in the URL. */
const PLACEHOLDER_CATALOG_ID = "00000000-0000-4000-8000-000000000000";

/** Stops a listing whose next links never end. */
const MAX_PAGES = 200;

const MAX_SUGGESTIONS = 5;

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Builds the GET for the first page of catalogs. The library has no builder for it, but its
 * lookup request for a catalog's packages is `<catalogs URL>/<catalog id>/accessPackages?…`,
 * so cutting that URL keeps the cloud hosts, version paths and headers in the library alone.
 */
export function buildCatalogListRequest(library, options) {
  const lookup = library.buildAccessPackageLookupRequest("catalogs", PLACEHOLDER_CATALOG_ID, options);
  const marker = `/${PLACEHOLDER_CATALOG_ID}/accessPackages`;
  const end = lookup.url.indexOf(marker);
  if (end < 0) {
    throw new Error(`the lookup URL ${lookup.url} does not contain ${marker}`);
  }
  return { url: lookup.url.slice(0, end), method: "GET", headers: lookup.headers };
}

/**
 * Fetches every page of catalogs, following `@odata.nextLink` with the same headers.
 * A next link to another origin is not followed, so the token goes only where the first
 * request went. Returns `{ ok: true, catalogs, pages }` or `{ ok: false, error }`.
 */
export async function fetchAllCatalogs(library, firstRequest) {
  const origin = new URL(firstRequest.url).origin;
  const requested = new Set();
  const catalogs = [];
  let url = firstRequest.url;

  while (url !== undefined) {
    const problem = checkNextUrl(url, origin, requested);
    if (problem !== undefined) {
      return { ok: false, error: clientError("invalid_next_link", problem) };
    }
    requested.add(url);

    const response = await sendRequest({ ...firstRequest, url });
    if (response.failure) {
      return { ok: false, error: response.failure };
    }
    if (response.status < 200 || response.status > 299) {
      return library.parseCreateAccessPackageResponse(
        response.status,
        response.headers,
        response.bodyText,
      );
    }

    const page = parsePage(response.bodyText);
    if (page === undefined) {
      const message = `Page ${requested.size} of catalogs is not JSON with a "value" array.`;
      return { ok: false, error: clientError("invalid_response_body", message) };
    }
    catalogs.push(...page.value.filter(isCatalog));
    const next = page["@odata.nextLink"];
    url = typeof next === "string" ? new URL(next, url).href : undefined;
  }

  catalogs.sort((a, b) => a.displayName.localeCompare(b.displayName));
  return { ok: true, catalogs, pages: requested.size };
}

function checkNextUrl(url, origin, requested) {
  if (new URL(url).origin !== origin) {
    return `The next page link points to ${new URL(url).origin}, not ${origin}, so it was not followed.`;
  }
  if (requested.has(url)) {
    return `The next page link repeats ${url}, so listing stopped.`;
  }
  if (requested.size >= MAX_PAGES) {
    return `Listing stopped after ${MAX_PAGES} pages of catalogs.`;
  }
  return undefined;
}

function clientError(code, message) {
  return { status: 0, code, message, retryable: false };
}

function parsePage(bodyText) {
  try {
    const page = JSON.parse(bodyText);
    return Array.isArray(page?.value) ? page : undefined;
  } catch {
    return undefined;
  }
}

function isCatalog(item) {
  return typeof item?.id === "string" && typeof item?.displayName === "string";
}

/** Shows how many catalogs and pages a listing loaded, or why it failed. */
export function showCatalogListOutcome(status, outcome) {
  if (outcome.ok) {
    const catalogNoun = outcome.catalogs.length === 1 ? "catalog" : "catalogs";
    const pageNoun = outcome.pages === 1 ? "page" : "pages";
    status.textContent =
      `Loaded ${outcome.catalogs.length} ${catalogNoun} from ${outcome.pages} ${pageNoun}.`;
    return;
  }

  const { error } = outcome;
  const statusText = error.status === 0 ? "no response" : `HTTP ${error.status}`;
  const codeText = error.code === "" ? "" : ` ${error.code}`;
  const children = [
    createElement("span", {
      className: "problem-severity",
      text: `Could not load catalogs (${statusText}${codeText}): `,
    }),
    error.message,
  ];
  if (error.hint !== undefined) {
    children.push(createElement("br"), error.hint);
  }
  status.replaceChildren(...children);
}

/** Returns the first segment of an id followed by an ellipsis, for short labels. */
export function shortId(id) {
  return `${id.split("-")[0]}…`;
}

/** Fills the catalog `<select>` and the catalog ID field's `<datalist>`. */
export function showCatalogOptions({ select, selectField, datalist }, catalogs) {
  const placeholder = createElement("option", {
    text: catalogs.length === 0 ? "No catalogs found" : "Choose a loaded catalog…",
    attributes: { value: "" },
  });
  select.replaceChildren(placeholder, ...catalogs.map((catalog) => createElement("option", {
    text: `${catalog.displayName} (${catalog.id})`,
    attributes: { value: catalog.id },
  })));
  datalist.replaceChildren(...catalogs.map((catalog) => createElement("option", {
    attributes: { value: catalog.id, label: catalog.displayName },
  })));
  selectField.hidden = false;
}

/** Returns the loaded catalog whose id is `text`, ignoring case and surrounding spaces. */
export function findCatalogById(catalogs, text) {
  const id = text.trim().toLowerCase();
  return catalogs.find((catalog) => catalog.id.toLowerCase() === id);
}

/**
 * Returns the loaded catalogs that `text` names: exact matches, ignoring case, or else the
 * names that contain it. Returns none for a GUID or for fewer than two characters.
 */
export function findCatalogsByName(catalogs, text) {
  const query = text.trim().toLowerCase();
  if (query.length < 2 || GUID_PATTERN.test(query)) {
    return [];
  }
  const exact = catalogs.filter((catalog) => catalog.displayName.toLowerCase() === query);
  if (exact.length > 0) {
    return exact;
  }
  return catalogs
    .filter((catalog) => catalog.displayName.toLowerCase().includes(query))
    .slice(0, MAX_SUGGESTIONS);
}

/**
 * Shows one "Use …" button per matching catalog; `onChoose` gets the chosen catalog. The
 * buttons stay as they are while the matches do not change, because the ID field's "change"
 * event on blur comes between a button's mousedown and its click, and a replaced button
 * would never get the click.
 */
export function showCatalogSuggestions(container, matches, onChoose) {
  const matchKey = matches.map((catalog) => catalog.id).join(" ");
  if (container.dataset.matchKey === matchKey) {
    return;
  }
  container.dataset.matchKey = matchKey;

  const buttons = matches.map((catalog) => {
    const button = createElement("button", {
      text: `Use ${catalog.displayName} (${shortId(catalog.id)})`,
      attributes: { type: "button", title: catalog.id },
    });
    button.addEventListener("click", () => onChoose(catalog));
    return button;
  });
  container.replaceChildren(...buttons);
}
