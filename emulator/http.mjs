// Response shapes and formats shared by the Graph handlers: the JSON content type, error
// bodies, timestamps and request body parsing.

import { randomUUID } from 'node:crypto';

/** The Content-Type that Graph sends with every JSON body. */
export const JSON_CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;' +
  'IEEE754Compatible=false;charset=utf-8';

/** Maximum request body size in bytes, the same 4 MiB limit that Graph documents. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Returns a fresh lowercase GUID. */
export function newGuid() {
  return randomUUID();
}

/** Formats a time as Graph's `innerError.date`: UTC, whole seconds, no offset. */
export function formatErrorDate(date = new Date()) {
  return date.toISOString().slice(0, 19);
}

/**
 * Formats a time as a Graph DateTimeOffset, UTC with 7 fraction digits and `Z`
 * (`2021-11-10T01:10:09.5220119Z`). JavaScript dates stop at milliseconds, so the last
 * four digits come from the high-resolution clock.
 */
export function formatTimestamp(date = new Date()) {
  const ticks = Number((process.hrtime.bigint() / 100n) % 10000n);
  return `${date.toISOString().slice(0, 23)}${String(ticks).padStart(4, '0')}Z`;
}

/** Builds a JSON response. */
export function jsonResponse(status, body, headers = {}) {
  return { status, headers, body };
}

/**
 * Builds a Graph error response. `context` carries the request's `requestId` and
 * `clientRequestId`, and `innerExtra` adds fields such as `code` to `innerError`.
 */
export function graphError(context, status, code, message, { headers = {}, innerExtra = {} } = {}) {
  const innerError = {
    ...innerExtra,
    date: formatErrorDate(),
    'request-id': context.requestId,
    'client-request-id': context.clientRequestId,
  };
  return { status, headers, body: { error: { code, message, innerError } } };
}

/** Builds the 429 response for a throttled request or batch item. */
export function throttledError(context, retryAfterSeconds) {
  return graphError(
    context,
    429,
    'TooManyRequests',
    `Too many requests for this token; retry after ${retryAfterSeconds} seconds.`,
    { headers: { 'Retry-After': String(retryAfterSeconds) }, innerExtra: { code: '429' } },
  );
}

/** Returns the media type of a Content-Type value, lowercased and without parameters. */
export function mediaType(contentType) {
  return String(contentType).split(';')[0].trim().toLowerCase();
}

/**
 * Parses a request body as JSON the way Graph's OData reader does for a write.
 * Returns `{ value }`, or `{ error }` holding the error response: 400 `BadRequest` when the
 * Content-Type header is missing, the body is empty or not JSON, 415 `RequestBodyRead`
 * when the Content-Type is not `application/json`.
 */
export function readJsonBody(request) {
  const context = request.context;
  const contentType = request.headers['content-type'];
  if (contentType === undefined || contentType.trim() === '') {
    const message =
      'The Content-Type header is missing; send Content-Type: application/json with a JSON body.';
    return { error: graphError(context, 400, 'BadRequest', message) };
  }
  if (mediaType(contentType) !== 'application/json') {
    const message =
      `The Content-Type '${contentType}' is not supported; ` +
      'send Content-Type: application/json.';
    return { error: graphError(context, 415, 'RequestBodyRead', message) };
  }
  if (request.bodyText.trim() === '') {
    const message = 'The request body is empty; send a JSON object.';
    return { error: graphError(context, 400, 'BadRequest', message) };
  }
  try {
    return { value: JSON.parse(request.bodyText) };
  } catch (parseError) {
    const message = `The request body is not valid JSON: ${parseError.message}.`;
    return { error: graphError(context, 400, 'BadRequest', message) };
  }
}

/** Returns whether a value is a JSON object (not an array and not null). */
export function isPlainObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
