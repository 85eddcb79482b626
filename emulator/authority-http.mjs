// HTTP helpers of the mock sign-in authority: responses as `{ status, headers, body }`,
// OAuth 2.0 errors, CORS, redirects back to the client and form bodies.

import { randomUUID } from 'node:crypto';

/** The largest form body that the token endpoint reads, in bytes. */
export const MAX_FORM_BYTES = 64 * 1024;

/**
 * Returns a 302 to `redirectUri` with `params` (those not undefined) in its query or, for
 * the `fragment` response mode, in its fragment.
 */
export function redirectTo(redirectUri, responseMode, params) {
  const present = Object.entries(params).filter(([, value]) => value !== undefined);
  const encoded = new URLSearchParams(present);
  const url = new URL(redirectUri);
  if (responseMode === 'fragment') {
    url.hash = encoded.toString();
  } else {
    for (const [name, value] of encoded) {
      url.searchParams.append(name, value);
    }
  }
  return { status: 302, headers: { Location: url.href }, body: '' };
}

/** Returns the `error` and `error_description` pair of an OAuth 2.0 error. */
export function oauthError(error, description) {
  return { error, error_description: description };
}

/** Returns a JSON OAuth 2.0 error, with a timestamp, a trace id and a correlation id. */
export function oauthErrorResponse(status, error, description) {
  return json(status, {
    ...oauthError(error, description),
    timestamp: new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    trace_id: randomUUID(),
    correlation_id: randomUUID(),
  });
}

/** Returns a JSON response. */
export function json(status, value) {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify(value),
  };
}

/** Returns a plain-text response of one line. */
export function text(status, message) {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: `${message}\n` };
}

/** Sends a response with CORS headers and no caching. */
export function sendResponse(res, { status, headers, body }) {
  res.writeHead(status, {
    ...headers,
    ...corsHeaders(),
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

export function sendJson(res, status, value) {
  sendResponse(res, json(status, value));
}

/** Sends an OAuth 2.0 error, with `extraHeaders` such as Allow. */
export function sendOAuthError(res, status, error, description, extraHeaders = {}) {
  const response = oauthErrorResponse(status, error, description);
  sendResponse(res, { ...response, headers: { ...response.headers, ...extraHeaders } });
}

// Any origin may read the responses, as no cookie or credential is involved.
function corsHeaders() {
  return { 'Access-Control-Allow-Origin': '*' };
}

/** Answers a CORS preflight for any method and header that the authority serves. */
export function sendPreflight(req, res) {
  res.writeHead(204, {
    ...corsHeaders(),
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'Content-Type',
    'Access-Control-Max-Age': '3600',
  });
  res.end();
}

/**
 * Reads an application/x-www-form-urlencoded body. Resolves to `{ form, tooLarge }`, where
 * `form` is a URLSearchParams and `tooLarge` is true past MAX_FORM_BYTES.
 */
export async function readForm(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size <= MAX_FORM_BYTES) {
      chunks.push(chunk);
    }
  }
  const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  return { form, tooLarge: size > MAX_FORM_BYTES };
}
