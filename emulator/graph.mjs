// The routes of the Graph resources served under /v1.0 and /beta, and the dispatch of a
// parsed request to its handler in resources.mjs. Handlers return `{ status, headers, body }`,
// so that single requests and $batch items run through the same code.

import { CATALOG_COLLECTION, MANAGEMENT_PATH } from './entities.mjs';
import { graphError } from './http.mjs';
import { QueryError } from './odata.mjs';
import { createPackage, getCatalog, getPackage, listCatalogs, listPackages } from './resources.mjs';

const PREFIX = MANAGEMENT_PATH.split('/');

function routesFor(version) {
  const catalogs = CATALOG_COLLECTION[version];
  return [
    { pattern: [...PREFIX, 'accessPackages'], methods: { GET: listPackages, POST: createPackage } },
    { pattern: [...PREFIX, 'accessPackages', ':packageId'], methods: { GET: getPackage } },
    { pattern: [...PREFIX, catalogs], methods: { GET: listCatalogs } },
    { pattern: [...PREFIX, catalogs, ':catalogId'], methods: { GET: getCatalog } },
    {
      pattern: [...PREFIX, catalogs, ':catalogId', 'accessPackages'],
      methods: { GET: listPackages },
    },
    {
      pattern: [...PREFIX, catalogs, ':catalogId', 'accessPackages', ':packageId'],
      methods: { GET: getPackage },
    },
  ];
}

const ROUTES = { 'v1.0': routesFor('v1.0'), beta: routesFor('beta') };

/** The API versions served, in their canonical spelling. */
export const VERSIONS = Object.keys(ROUTES);

/**
 * Splits a percent-encoded path into decoded segments. A key in OData's parenthesis
 * syntax, `accessPackages('id')`, becomes two segments. A trailing slash is ignored.
 * Returns undefined when a segment is not valid percent-encoding.
 */
export function splitPath(encodedPath) {
  const segments = [];
  const trimmed = encodedPath.replace(/^\/+/, '').replace(/\/$/, '');
  if (trimmed === '') {
    return segments;
  }
  for (const encoded of trimmed.split('/')) {
    let segment;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return undefined;
    }
    const keyed = /^([^()]+)\((?:'([^']*)'|([^()']*))\)$/.exec(segment);
    if (keyed) {
      segments.push(keyed[1], keyed[2] ?? keyed[3]);
    } else {
      segments.push(segment);
    }
  }
  return segments;
}

/**
 * Runs one Graph request. `request` contains `method`, `version`, `segments` (below the
 * version), `query` (URLSearchParams), `headers` (lowercase names), `bodyText` and
 * `context` (`requestId`, `clientRequestId`). `runtime` contains `store`, `settings` and
 * `apiUrl`.
 */
export function handleGraphRequest(request, runtime) {
  const match = matchRoute(ROUTES[request.version], request.segments);
  if (match.route === undefined) {
    return segmentNotFound(request, match.deepest);
  }

  const handler = match.route.methods[request.method];
  if (handler === undefined) {
    const allowed = Object.keys(match.route.methods).join(', ');
    const message = `The method ${request.method} is not allowed on this resource; use ${allowed}.`;
    return graphError(request.context, 405, 'MethodNotAllowed', message, {
      headers: { Allow: allowed },
    });
  }

  try {
    return handler(request, match.params, runtime);
  } catch (error) {
    if (error instanceof QueryError) {
      return graphError(request.context, 400, 'BadRequest', error.message);
    }
    throw error;
  }
}

function matchRoute(routes, segments) {
  let deepest = 0;
  for (const route of routes) {
    const params = {};
    let matched = 0;
    while (matched < route.pattern.length && matched < segments.length) {
      const part = route.pattern[matched];
      const segment = segments[matched];
      if (part.startsWith(':')) {
        params[part.slice(1)] = segment;
      } else if (part.toLowerCase() !== segment.toLowerCase()) {
        break;
      }
      matched += 1;
    }
    if (matched === route.pattern.length && matched === segments.length) {
      return { route, params };
    }
    deepest = Math.max(deepest, matched);
  }
  return { deepest };
}

function segmentNotFound(request, deepest) {
  if (deepest < request.segments.length) {
    const segment = request.segments[deepest];
    return graphError(
      request.context,
      400,
      'BadRequest',
      `Resource not found for the segment '${segment}'.`,
    );
  }
  const path = ['', request.version, ...request.segments].join('/');
  const message =
    `The emulator serves no resource at '${path}'; it serves ${MANAGEMENT_PATH}/accessPackages ` +
    `and ${MANAGEMENT_PATH}/${CATALOG_COLLECTION[request.version]}.`;
  return graphError(request.context, 400, 'BadRequest', message);
}
