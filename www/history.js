// The list of access packages created in this tab, newest first. It lives in memory only, so
// a reload empties it, and every text goes in as text.

import { createElement } from "./dom.js";

/**
 * Returns the URL of the GET for a created package: the create request's URL with the
 * package's id appended as one path segment. Returns undefined unless the scheme is http or
 * https, so that a link never gets a `javascript:` or `data:` href.
 */
export function packageGetUrl(createUrl, id) {
  let url;
  try {
    url = new URL(createUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return undefined;
  }
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/${encodeURIComponent(id)}`;
  url.search = "";
  url.hash = "";
  return url;
}

/**
 * Adds a created package to the top of `list` (an `<ol>`), hides `emptyNote` and shows
 * `linkNote`. `entry` is `{ displayName, id, catalog, createdAt, createUrl }`, where
 * `createdAt` is a Date.
 */
export function addHistoryEntry({ list, emptyNote, linkNote }, entry) {
  const getUrl = packageGetUrl(entry.createUrl, entry.id);
  const time = createElement("time", {
    text: entry.createdAt.toLocaleTimeString(),
    attributes: { datetime: entry.createdAt.toISOString() },
  });
  const details = createElement("dl", { className: "history-details" });
  appendPair(details, "Name", [entry.displayName]);
  appendPair(details, "ID", [createElement("code", { text: entry.id })]);
  appendPair(details, "Catalog", [entry.catalog]);
  appendPair(details, "Created", [time]);
  appendPair(details, "GET", [getUrl === undefined ? "not available" : createGetLink(getUrl)]);

  list.prepend(createElement("li", { className: "history-entry" }, [details]));
  list.hidden = false;
  emptyNote.hidden = true;
  linkNote.hidden = false;
}

function appendPair(list, term, children) {
  list.append(createElement("dt", { text: term }), createElement("dd", {}, children));
}

function createGetLink(url) {
  const link = createElement("a", {
    text: url.href,
    // A new tab keeps this one, whose history and token live in memory only.
    attributes: { target: "_blank", rel: "noopener noreferrer" },
  });
  link.href = url.href;
  return link;
}
