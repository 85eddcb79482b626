// The API listener: CORS, the test hooks, authentication, throttling, latency and fault
// injection around the Graph handlers.

import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import { checkAuthorization } from './auth.mjs';
import { runBatch } from './batch.mjs';
import { VERSIONS, handleGraphRequest, splitPath } from './graph.mjs';
import {
  JSON_CONTENT_TYPE,
  MAX_BODY_BYTES,
  graphError,
  jsonResponse,
  newGuid,
  throttledError,
} from './http.mjs';

const ALLOWED_METHODS = 'GET, POST, PATCH, DELETE, OPTIONS';
const DEFAULT_ALLOWED_HEADERS = 'Authorization, Content-Type, client-request-id';
const PREFLIGHT_MAX_AGE_SECONDS = 3600;

/** How many API requests `runtime.recentRequests` keeps, oldest dropped first. */
const RECENT_REQUEST_LIMIT = 50;

/**
 * Creates the API server. `runtime` contains `store`, `settings`, `throttle`, `apiUrl`,
 * `counters`, `shuffleRandom`, `faultRandom`, `reset()`, `state()` and `log(line)`.
 */
export function createApiServer(runtime) {
  return http.createServer((req, res) => {
    serveApi(req, res, runtime).catch((error) => {
      console.error(`emulator: ${req.method} ${req.url} failed: ${error.stack ?? error}`);
      if (!res.headersSent) {
        res.writeHead(500, {
          'Content-Type': JSON_CONTENT_TYPE,
          'Access-Control-Allow-Origin': '*',
        });
        const body = {
          error: { code: 'InternalServerError', message: `Emulator bug: ${error.message}` },
        };
        res.end(JSON.stringify(body));
      } else {
        res.destroy();
      }
    });
  });
}

async function serveApi(req, res, runtime) {
  const startedMs = performance.now();
  const context = {
    requestId: newGuid(),
    clientRequestId: req.headers['client-request-id'] ?? newGuid(),
  };
  const baseHeaders = {
    'request-id': context.requestId,
    'client-request-id': context.clientRequestId,
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': exposedHeaders(runtime.settings),
    'Cache-Control': 'no-store',
  };
  const logLine = (status, suffix = '') => {
    const elapsedMs = Math.round(performance.now() - startedMs);
    runtime.log(
      `${req.method} ${req.url} ${status} request-id=${context.requestId} ${elapsedMs}ms${suffix}`,
    );
  };

  if (req.method === 'OPTIONS') {
    req.resume();
    res.writeHead(204, { ...baseHeaders, ...preflightHeaders(req) });
    res.end();
    logLine(204);
    return;
  }

  const body = await readBody(req);
  const outcome = await route(req, body, context, runtime);
  if (outcome.drop) {
    req.socket.destroy();
    logLine(outcome.response.status, ' (response dropped by fault injection)');
    return;
  }

  send(res, outcome.response, baseHeaders);
  logLine(outcome.response.status, outcome.note ?? '');
  for (const item of outcome.items ?? []) {
    runtime.log(
      `  batch item ${item.id}: ${item.method} ${item.url} ${item.status} ` +
        `request-id=${item.requestId}`,
    );
  }
}

// Returns `{ response, items?, drop?, note? }` for one API request.
async function route(req, body, context, runtime) {
  const reject = async (status, code, message) => ({
    response: await delayed(graphError(context, status, code, message), runtime),
  });

  const queryStart = req.url.indexOf('?');
  const encodedPath = queryStart === -1 ? req.url : req.url.slice(0, queryStart);
  const segments = splitPath(encodedPath);
  if (segments === undefined) {
    return reject(400, 'BadRequest', `The path '${encodedPath}' is not valid percent-encoding.`);
  }
  if (segments[0] === '_emulator') {
    return { response: serveHook(req.method, segments, context, runtime) };
  }
  runtime.counters.requests += 1;

  const version = VERSIONS.find((name) => name.toLowerCase() === segments[0]?.toLowerCase());
  if (version === undefined) {
    const message = `Invalid version '${segments[0] ?? ''}'; use /v1.0/ or /beta/.`;
    return reject(400, 'BadRequest', message);
  }
  if (body.tooLarge) {
    const message =
      `The request body is larger than ${MAX_BODY_BYTES} bytes; ` +
      'send fewer packages per request.';
    return reject(413, 'RequestEntityTooLarge', message);
  }

  recordRequest(runtime.recentRequests, req);
  const auth = checkAuthorization(req.headers.authorization);
  if (auth.message !== undefined) {
    return reject(401, 'InvalidAuthenticationToken', auth.message);
  }

  const request = {
    method: req.method,
    version,
    segments: segments.slice(1),
    query: new URLSearchParams(queryStart === -1 ? '' : req.url.slice(queryStart + 1)),
    headers: req.headers,
    bodyText: body.text,
    context,
  };
  if (request.segments.length === 1 && request.segments[0] === '$batch') {
    return serveBatch(request, runtime, auth.token);
  }

  const budget = runtime.throttle.take(auth.token, 1);
  let response;
  if (budget.granted === 1) {
    response = handleGraphRequest(request, runtime);
  } else {
    runtime.counters.throttledRequests += 1;
    response = throttledError(context, budget.retryAfterSeconds);
  }
  return { response: await delayed(response, runtime) };
}

async function serveBatch(request, runtime, token) {
  runtime.counters.batches += 1;
  if (request.method !== 'POST') {
    const message = `The method ${request.method} is not allowed on $batch; use POST.`;
    const response = graphError(request.context, 405, 'MethodNotAllowed', message, {
      headers: { Allow: 'POST' },
    });
    return { response: await delayed(response, runtime) };
  }

  const { response, items } = runBatch(request, runtime, token);
  await delayed(response, runtime);
  if (response.status !== 200) {
    return { response, items };
  }

  // Faults hit only batches whose items ran, so the items are stored whatever the client
  // receives.
  const { dropRate, failRate, failRetryAfter } = runtime.settings;
  if (dropRate + failRate === 0) {
    return { response, items };
  }
  const roll = runtime.faultRandom();
  if (roll < dropRate) {
    runtime.counters.droppedResponses += 1;
    return { response, items, drop: true };
  }
  if (roll < dropRate + failRate) {
    runtime.counters.failedResponses += 1;
    const message =
      'The service is temporarily unavailable (the emulator injected this fault after running ' +
      `the batch items); retry after ${failRetryAfter} seconds.`;
    const failure = graphError(request.context, 503, 'ServiceUnavailable', message, {
      headers: { 'Retry-After': String(failRetryAfter) },
    });
    return {
      response: failure,
      items,
      note: ' (batch ran, then replaced by 503 by fault injection)',
    };
  }
  return { response, items };
}

function serveHook(method, segments, context, runtime) {
  const hook = segments.slice(1).join('/');
  const expected = { reset: 'POST', state: 'GET' }[hook];
  if (expected === undefined) {
    return graphError(
      context,
      404,
      'ResourceNotFound',
      `No test hook '/_emulator/${hook}'; use POST /_emulator/reset or GET /_emulator/state.`,
    );
  }
  if (method !== expected) {
    const message = `The method ${method} is not allowed on /_emulator/${hook}; use ${expected}.`;
    return graphError(context, 405, 'MethodNotAllowed', message, { headers: { Allow: expected } });
  }
  if (hook === 'reset') {
    runtime.reset();
  }
  return jsonResponse(200, runtime.state());
}

// Keeps the request's method, path and Authorization header in memory for tests that run
// the emulator in-process (startEmulator's recentRequests). No hook serves them.
function recordRequest(recentRequests, req) {
  const path = req.url.split('?', 1)[0];
  recentRequests.push({ method: req.method, path, authorization: req.headers.authorization });
  if (recentRequests.length > RECENT_REQUEST_LIMIT) {
    recentRequests.shift();
  }
}

async function delayed(response, runtime) {
  if (runtime.settings.latencyMs > 0) {
    await sleep(runtime.settings.latencyMs);
  }
  return response;
}

// Reads the whole body as UTF-8. Past MAX_BODY_BYTES it keeps draining the socket, so that
// the 413 can still be sent, but stops storing.
async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) {
      chunks.push(chunk);
    }
  }
  return { text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > MAX_BODY_BYTES };
}

function send(res, response, baseHeaders) {
  const headers = { ...baseHeaders, ...response.headers };
  let payload = '';
  if (response.body !== undefined) {
    headers['Content-Type'] = JSON_CONTENT_TYPE;
    payload = JSON.stringify(response.body);
  }
  headers['Content-Length'] = Buffer.byteLength(payload);
  res.writeHead(response.status, headers);
  res.end(payload);
}

function exposedHeaders(settings) {
  const names = ['request-id', 'client-request-id', 'Location'];
  if (settings.exposeRetryAfter) {
    names.push('Retry-After');
  }
  return names.join(', ');
}

function preflightHeaders(req) {
  return {
    'Access-Control-Allow-Methods': ALLOWED_METHODS,
    'Access-Control-Allow-Headers':
      req.headers['access-control-request-headers'] ?? DEFAULT_ALLOWED_HEADERS,
    'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_SECONDS),
  };
}
