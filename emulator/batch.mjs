// Graph JSON batching: POST /{version}/$batch with {"requests": [...]}. Each item runs
// through the same handlers as a single request, and the responses come back shuffled.

import { handleGraphRequest, splitPath } from './graph.mjs';
import {
  graphError,
  isPlainObject,
  jsonResponse,
  JSON_CONTENT_TYPE,
  newGuid,
  readJsonBody,
  throttledError,
} from './http.mjs';
import { shuffle } from './random.mjs';

/** Maximum number of requests in one batch, as Graph documents. */
export const MAX_BATCH_REQUESTS = 20;

const EXAMPLE_URL = '/identityGovernance/entitlementManagement/accessPackages';

/**
 * Runs a batch for the caller identified by `token`. Authentication is the outer
 * request's. Returns `{ response, items }`, where `items` lists each item's `id`,
 * `method`, `url`, `status` and `requestId` for the log.
 *
 * With throttling on, a batch that starts with an empty budget is rejected whole with
 * 429. Otherwise the items run in request order, each spending one request of the
 * budget, and the items past the budget get a 429 of their own.
 */
export function runBatch(request, runtime, token) {
  const read = readBatch(request);
  if (read.error) {
    return { response: read.error, items: [] };
  }

  const { throttle, counters } = runtime;
  if (throttle.available(token) < 1) {
    counters.throttledBatches += 1;
    return {
      response: throttledError(request.context, throttle.retryAfterSeconds(token)),
      items: [],
    };
  }
  const budget = throttle.take(token, read.items.length);
  counters.batchItems += read.items.length;
  counters.throttledItems += read.items.length - budget.granted;

  const statuses = new Map();
  const responses = [];
  const items = [];
  read.items.forEach((item, index) => {
    const itemRequest = toItemRequest(item, request);
    const response =
      index < budget.granted
        ? runItem(item, itemRequest, statuses, runtime)
        : throttledError(itemRequest.context, budget.retryAfterSeconds);
    statuses.set(item.id.toLowerCase(), response.status);
    responses.push(toItemResponse(item.id, response));
    items.push({
      id: item.id,
      method: itemRequest.method,
      url: item.url,
      status: response.status,
      requestId: itemRequest.context.requestId,
    });
  });

  const shuffled = shuffle(responses, runtime.shuffleRandom);
  return { response: jsonResponse(200, { responses: shuffled }), items };
}

// Checks the envelope. Any fault in it rejects the whole batch with 400, as Graph does.
function readBatch(request) {
  const context = request.context;
  const reject = (message) => ({ error: graphError(context, 400, 'BadRequest', message) });

  const parsed = readJsonBody(request);
  if (parsed.error) {
    return parsed;
  }
  const body = parsed.value;
  if (!isPlainObject(body) || !Array.isArray(body.requests)) {
    return reject("The batch body must be a JSON object with a 'requests' array.");
  }
  if (body.requests.length > MAX_BATCH_REQUESTS) {
    return reject(
      `The batch contains ${body.requests.length} requests, more than the limit of ` +
        `${MAX_BATCH_REQUESTS}; split it into batches of at most ${MAX_BATCH_REQUESTS}.`,
    );
  }

  const seen = new Map();
  for (const [index, item] of body.requests.entries()) {
    const problem = checkItem(item, index, seen);
    if (problem !== undefined) {
      return reject(problem);
    }
    seen.set(item.id.toLowerCase(), item.id);
  }
  return { items: body.requests };
}

// Returns what is wrong with one batch item, or undefined. `seen` maps the lowercased
// ids of the earlier items to their spelling.
function checkItem(item, index, seen) {
  if (!isPlainObject(item)) {
    return `Batch request at index ${index} must be a JSON object.`;
  }
  if (typeof item.id !== 'string' || item.id === '') {
    return `Batch request at index ${index} has no 'id'; give every request a unique string id.`;
  }
  const earlier = seen.get(item.id.toLowerCase());
  if (earlier !== undefined) {
    return (
      'Batch request ids must be unique, compared case-insensitively; ' +
      `'${earlier}' and '${item.id}' clash.`
    );
  }
  if (typeof item.method !== 'string' || item.method === '') {
    return `Batch request '${item.id}' has no 'method'.`;
  }
  if (typeof item.url !== 'string' || item.url === '') {
    return (
      `Batch request '${item.id}' has no 'url'; ` +
      `give a URL relative to the version root, like ${EXAMPLE_URL}.`
    );
  }
  const headers = item.headers ?? {};
  if (
    !isPlainObject(headers) ||
    Object.values(headers).some((value) => typeof value !== 'string')
  ) {
    return `Batch request '${item.id}' has 'headers' that are not an object of string values.`;
  }
  const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  if (item.body !== undefined && item.body !== null && !hasContentType) {
    return (
      `Batch request '${item.id}' has a body but no Content-Type header; ` +
      'add "headers": {"Content-Type": "application/json"}.'
    );
  }
  return checkDependsOn(item, seen);
}

function checkDependsOn(item, seen) {
  if (item.dependsOn === undefined) {
    return undefined;
  }
  if (!Array.isArray(item.dependsOn) || item.dependsOn.some((id) => typeof id !== 'string')) {
    return `Batch request '${item.id}' has a 'dependsOn' that is not an array of ids.`;
  }
  const missing = item.dependsOn.find((id) => !seen.has(id.toLowerCase()));
  if (missing !== undefined) {
    return (
      `Batch request '${item.id}' depends on '${missing}', ` +
      'which is not an earlier request of this batch.'
    );
  }
  return undefined;
}

function toItemRequest(item, outer) {
  const headers = {};
  for (const [name, value] of Object.entries(item.headers ?? {})) {
    headers[name.toLowerCase()] = value;
  }
  const queryStart = item.url.indexOf('?');
  const path = queryStart === -1 ? item.url : item.url.slice(0, queryStart);
  const query = queryStart === -1 ? '' : item.url.slice(queryStart + 1);
  const hasBody = item.body !== undefined && item.body !== null;
  return {
    method: item.method.toUpperCase(),
    version: outer.version,
    path,
    segments: splitPath(path),
    query: new URLSearchParams(query),
    headers,
    bodyText: hasBody ? JSON.stringify(item.body) : '',
    context: {
      requestId: newGuid(),
      clientRequestId: headers['client-request-id'] ?? outer.context.clientRequestId,
    },
  };
}

function runItem(item, request, statuses, runtime) {
  const failed = (item.dependsOn ?? []).find((id) => statuses.get(id.toLowerCase()) >= 400);
  if (failed !== undefined) {
    const status = statuses.get(failed.toLowerCase());
    const message = `The request depends on '${failed}', which failed with status ${status}.`;
    return graphError(request.context, 424, 'FailedDependency', message);
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(request.path)) {
    const message =
      `The url '${item.url}' must be relative to the version root, like ${EXAMPLE_URL}.`;
    return graphError(request.context, 400, 'BadRequest', message);
  }
  if (request.segments === undefined) {
    const message = `The url '${item.url}' is not valid percent-encoding.`;
    return graphError(request.context, 400, 'BadRequest', message);
  }
  return handleGraphRequest(request, runtime);
}

function toItemResponse(id, response) {
  const headers = { ...response.headers };
  if (response.body !== undefined) {
    headers['Content-Type'] = JSON_CONTENT_TYPE;
  }
  const itemResponse = { id, status: response.status, headers };
  if (response.body !== undefined) {
    itemResponse.body = response.body;
  }
  return itemResponse;
}
