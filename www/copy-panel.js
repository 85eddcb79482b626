// The "Copy as" buttons: copy the built request as a command, with the access token only when
// the admin ticks the box for that copy.

import { COPY_FORMATS, TOKEN_VARIABLE } from "./copy-as.js";

const FORMATS_BY_ID = new Map(COPY_FORMATS.map((format) => [format.id, format]));

/**
 * Connects the copy buttons, each marked with `data-copy-format`, to the clipboard.
 * `getRequest()` returns the request to copy, or undefined while the form has errors.
 * `elements` is `{ buttons, includeToken, status, fallback, fallbackText }`.
 */
export function setupCopyAs(elements, getRequest) {
  for (const button of elements.buttons) {
    button.addEventListener("click", () => copyRequest(elements, button.dataset.copyFormat, getRequest));
  }
}

/** Enables the copy buttons when the form builds a request. */
export function showCopyAvailability(elements, valid) {
  for (const button of elements.buttons) {
    button.disabled = !valid;
  }
}

async function copyRequest(elements, formatId, getRequest) {
  const format = FORMATS_BY_ID.get(formatId);
  const request = getRequest();
  if (format === undefined || request === undefined) {
    elements.status.textContent = "Nothing to copy: fix the form's errors first.";
    return;
  }

  const includeToken = elements.includeToken.checked && hasToken(request);
  const text = format.format(request, { includeToken });
  // The box applies to one copy only, so a later copy does not carry the token by surprise.
  elements.includeToken.checked = false;
  elements.fallback.hidden = true;
  elements.fallbackText.value = "";

  const tokenNote = includeToken
    ? "It contains the access token, so keep it private."
    : `It reads the access token from ${tokenPlaceholder(formatId)}.`;
  try {
    await navigator.clipboard.writeText(text);
    elements.status.textContent = `Copied the request as ${format.label}. ${tokenNote}`;
  } catch (error) {
    elements.fallbackText.value = text;
    elements.fallback.hidden = false;
    elements.fallbackText.focus();
    elements.fallbackText.select();
    elements.status.textContent = `The browser did not allow copying (${error.name}). `
      + `The text is selected below: press Ctrl+C or ⌘C to copy it. ${tokenNote}`;
  }
}

function hasToken(request) {
  return Object.keys(request.headers).some((name) => name.toLowerCase() === "authorization");
}

function tokenPlaceholder(formatId) {
  if (formatId === "curl") {
    return `$${TOKEN_VARIABLE}`;
  }
  if (formatId === "fetch") {
    return `process.env.${TOKEN_VARIABLE}`;
  }
  return `$env:${TOKEN_VARIABLE}`;
}
