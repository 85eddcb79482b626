// Sending requests with fetch and showing what came back.

import { createDescriptionList, createElement } from "./dom.js";

/** How long a request may take before the page gives up on it, in milliseconds. */
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Describes a fetch that threw, so no response came, in the library's `GraphError` shape
 * with status 0.
 */
export function describeFetchFailure(url, error) {
  const timedOut = error?.name === "TimeoutError";
  const origin = new URL(url).origin;
  return {
    status: 0,
    code: timedOut ? "timeout" : "network_error",
    message: timedOut
      ? `No response from ${origin} within ${REQUEST_TIMEOUT_MS / 1000} seconds.`
      : `The request to ${origin} failed before a response came (${error?.message ?? error}).`,
    hint: "Check that the endpoint is running and allows requests from this page's origin (CORS). "
      + "A create that timed out may still have been applied, so look for the package before sending again.",
    retryable: true,
  };
}

/**
 * Sends a request built by the library. Returns the response's status, headers and body
 * text, or `{ failure }` in the `GraphError` shape when fetch threw.
 */
export async function sendRequest(request) {
  try {
    const response = await fetch(request.url, {
      ...request,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const bodyText = await response.text();
    return { status: response.status, headers: response.headers, bodyText };
  } catch (error) {
    return { failure: describeFetchFailure(request.url, error) };
  }
}

/** Sends a create request and parses the response with the library. */
export async function sendCreateRequest(library, request) {
  const response = await sendRequest(request);
  if (response.failure) {
    return { ok: false, error: response.failure };
  }
  return library.parseCreateAccessPackageResponse(
    response.status,
    response.headers,
    response.bodyText,
  );
}

/**
 * Shows a created package, or Graph's error with what the admin can do about it. `sent`
 * describes the request: `{ catalog, clientRequestId }`, where `catalog` is the catalog's
 * id, with its name when the loaded catalog list has it. A v1.0 response does not echo the catalog.
 */
export function showResult(container, outcome, sent) {
  if (outcome.ok) {
    showCreated(container, outcome.accessPackage, sent);
  } else {
    showError(container, outcome.error);
  }
}

function showCreated(container, accessPackage, sent) {
  container.replaceChildren(
    createElement("p", { className: "result-title result-ok", text: "Created the access package" }),
    createDescriptionList([
      ["Display name", accessPackage.displayName],
      ["ID", accessPackage.id],
      ["Catalog", sent.catalog],
      ["Client request ID", sent.clientRequestId],
    ], "result-details"),
  );
}

function showError(container, error) {
  const statusText = error.status === 0 ? "no response" : `HTTP ${error.status}`;
  const codeText = error.code === "" ? "" : ` ${error.code}`;
  const retryText = error.retryable
    ? retryAdvice(error.retryAfterSeconds)
    : "No. Change the request before sending it again.";

  container.replaceChildren(
    createElement("p", {
      className: "result-title result-failed",
      text: `Not created: ${statusText}${codeText}`,
    }),
    createDescriptionList([
      ["Message", error.message],
      ["What to do", error.hint],
      ["Status", String(error.status)],
      ["Code", error.code],
      ["Request ID", error.requestId],
      ["Client request ID", error.clientRequestId],
      ["Date", error.date],
      ["Retry", retryText],
    ], "result-details"),
  );
}

function retryAdvice(retryAfterSeconds) {
  if (retryAfterSeconds === undefined) {
    return "Yes, after a pause.";
  }
  const unit = retryAfterSeconds === 1 ? "second" : "seconds";
  return `Yes, after ${retryAfterSeconds} ${unit}.`;
}

/** Shows that a request is on its way. */
export function showSending(container, url) {
  container.replaceChildren(createElement("p", { text: `Sending to ${new URL(url).origin}…` }));
}
