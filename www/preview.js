// The request preview: the request as HTTP message text, with the access token hidden.

const HIDDEN_AUTHORIZATION = "Bearer <token hidden>";

/**
 * Formats a request as its request line, headers and body. The Authorization header's value
 * is replaced, so the preview never shows the token.
 */
export function formatRequest(request) {
  const lines = [`${request.method} ${request.url}`];
  for (const [name, value] of Object.entries(request.headers)) {
    const shownValue = name.toLowerCase() === "authorization" ? HIDDEN_AUTHORIZATION : value;
    lines.push(`${name}: ${shownValue}`);
  }
  if (request.body !== undefined) {
    lines.push("", request.body);
  }
  return lines.join("\n");
}

/** Shows the built request, or the number of errors that stop it. */
export function showPreview({ preview, status }, built) {
  if (!built.valid) {
    const errorCount = built.problems.filter((problem) => problem.severity === "error").length;
    const noun = errorCount === 1 ? "error" : "errors";
    status.textContent = `No request yet: the form has ${errorCount} ${noun}.`;
    preview.textContent = "";
    preview.hidden = true;
    return;
  }

  const hasAuthorization = Object.keys(built.request.headers)
    .some((name) => name.toLowerCase() === "authorization");
  status.textContent = hasAuthorization
    ? "This is the request that Send sends."
    : "This is the request that Send sends. It has no Authorization header until you enter an access token.";
  preview.textContent = formatRequest(built.request);
  preview.hidden = false;
}
