// Routes and handlers of the Graph resources the emulator serves under /v1.0 and /beta.
// Handlers take a parsed request and return `{ status, headers, body }`, so that single
// requests and $batch items run through the same code.

import {
  CATALOG_COLLECTION,
  CATALOG_NAVIGATION,
  catalogEntity,
  contextUrl,
  packageEntity,
} from './entities.mjs';
import { graphError, jsonResponse, readJsonBody } from './http.mjs';
import {
  QueryError,
  decodeSkipToken,
  matchesFilter,
  nextLink,
  pageOf,
  parseExpand,
  parseFilter,
  parseTop,
} from './odata.mjs';
import { readCreateBody } from './validate.mjs';

const PREFIX = ['identityGovernance', 'entitlementManagement'];
const MANAGEMENT_PATH = PREFIX.join('/');
const PACKAGE_TYPE = 'microsoft.graph.accessPackage';
const CATALOG_TYPE = 'microsoft.graph.accessPackageCatalog';

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

function createPackage(request, params, { store, apiUrl }) {
  const { version, context } = request;
  const parsed = readJsonBody(request);
  if (parsed.error) {
    return parsed.error;
  }

  const checked = readCreateBody(version, parsed.value);
  if (checked.problem) {
    const { status, code, message } = checked.problem;
    return graphError(context, status, code, message);
  }

  const input = checked.input;
  const catalog = store.findCatalog(input.catalogId);
  if (catalog === undefined) {
    return catalogNotFound(request, input.catalogId);
  }
  if (store.hasPackageNamed(catalog.id, input.displayName)) {
    const message =
      `An access package named '${input.displayName}' already exists in the catalog ` +
      `'${catalog.displayName}' (${catalog.id}).`;
    return graphError(context, 409, 'DuplicateAccessPackage', message);
  }

  const record = store.addPackage({ ...input, catalogId: catalog.id });
  const body = {
    '@odata.context': contextUrl(apiUrl, version, `${MANAGEMENT_PATH}/accessPackages/$entity`),
    ...packageEntity(record, version),
  };
  const location = `${apiUrl}/${version}/${MANAGEMENT_PATH}/accessPackages/${record.id}`;
  return jsonResponse(201, body, { Location: location });
}

function listPackages(request, params, { store, settings, apiUrl }) {
  const { version, query } = request;
  if (params.catalogId !== undefined && store.findCatalog(params.catalogId) === undefined) {
    return catalogNotFound(request, params.catalogId);
  }

  const expand = parseExpand(query.get('$expand'), [CATALOG_NAVIGATION[version]], PACKAGE_TYPE);
  const filterable =
    version === 'beta' ? ['displayName', 'id', 'catalogId'] : ['displayName', 'id'];
  const filter = query.has('$filter') ? parseFilter(query.get('$filter'), filterable) : undefined;
  const top = parseTop(query.get('$top'));
  const offset = decodeSkipToken(query.get('$skiptoken'));

  const records = store.listPackages({ catalogId: params.catalogId?.toLowerCase() });
  const matching = records.filter(
    (record) => filter === undefined || matchesFilter(record, filter),
  );
  const page = pageOf(matching, { offset, top, pageSize: settings.packagePageSize });

  const collectionPath =
    params.catalogId === undefined
      ? `${MANAGEMENT_PATH}/accessPackages`
      : `${MANAGEMENT_PATH}/${CATALOG_COLLECTION[version]}/${params.catalogId}/accessPackages`;
  const contextPath =
    params.catalogId === undefined
      ? `${MANAGEMENT_PATH}/accessPackages`
      : `${MANAGEMENT_PATH}/${CATALOG_COLLECTION[version]}('${params.catalogId}')/accessPackages`;
  const expandSuffix = expand.length ? `(${expand.map((name) => `${name}()`).join(',')})` : '';

  const value = page.value.map((record) => expandPackage(record, version, expand, store));
  return collection(
    apiUrl,
    request,
    contextPath + expandSuffix,
    collectionPath,
    value,
    page.nextOffset,
  );
}

function getPackage(request, params, { store, apiUrl }) {
  const { version, query, context } = request;
  if (params.catalogId !== undefined && store.findCatalog(params.catalogId) === undefined) {
    return catalogNotFound(request, params.catalogId);
  }

  const expand = parseExpand(query.get('$expand'), [CATALOG_NAVIGATION[version]], PACKAGE_TYPE);
  const record = store.findPackage(params.packageId);
  const inCatalog =
    params.catalogId === undefined || record?.catalogId === params.catalogId.toLowerCase();
  if (record === undefined || !inCatalog) {
    const message = `No access package with id '${params.packageId}' was found.`;
    return graphError(context, 404, 'ResourceNotFound', message);
  }

  const body = {
    '@odata.context': contextUrl(apiUrl, version, `${MANAGEMENT_PATH}/accessPackages/$entity`),
    ...expandPackage(record, version, expand, store),
  };
  return jsonResponse(200, body);
}

function listCatalogs(request, params, { store, settings, apiUrl }) {
  const { version, query } = request;
  parseExpand(query.get('$expand'), [], CATALOG_TYPE);
  const filter = query.has('$filter')
    ? parseFilter(query.get('$filter'), ['displayName', 'id'])
    : undefined;
  const top = parseTop(query.get('$top'));
  const offset = decodeSkipToken(query.get('$skiptoken'));

  const matching = store.catalogs.filter(
    (catalog) => filter === undefined || matchesFilter(catalog, filter),
  );
  const page = pageOf(matching, { offset, top, pageSize: settings.pageSize });
  const path = `${MANAGEMENT_PATH}/${CATALOG_COLLECTION[version]}`;
  const value = page.value.map((catalog) => catalogEntity(catalog, version));
  return collection(apiUrl, request, path, path, value, page.nextOffset);
}

function getCatalog(request, params, { store, apiUrl }) {
  const { version, query } = request;
  parseExpand(query.get('$expand'), [], CATALOG_TYPE);
  const catalog = store.findCatalog(params.catalogId);
  if (catalog === undefined) {
    return catalogNotFound(request, params.catalogId);
  }
  const fragment = `${MANAGEMENT_PATH}/${CATALOG_COLLECTION[version]}/$entity`;
  const body = {
    '@odata.context': contextUrl(apiUrl, version, fragment),
    ...catalogEntity(catalog, version),
  };
  return jsonResponse(200, body);
}

function expandPackage(record, version, expand, store) {
  const entity = packageEntity(record, version);
  for (const navigation of expand) {
    entity[navigation] = catalogEntity(store.findCatalog(record.catalogId), version);
  }
  return entity;
}

function collection(apiUrl, request, contextPath, path, value, nextOffset) {
  const body = { '@odata.context': contextUrl(apiUrl, request.version, contextPath) };
  if (nextOffset !== undefined) {
    body['@odata.nextLink'] = nextLink(apiUrl, request.version, path, request.query, nextOffset);
  }
  body.value = value;
  return jsonResponse(200, body);
}

function catalogNotFound(request, catalogId) {
  const collectionName = CATALOG_COLLECTION[request.version];
  const message =
    `No catalog with id '${catalogId}' was found; list the catalogs with ` +
    `GET /${request.version}/${MANAGEMENT_PATH}/${collectionName}.`;
  return graphError(request.context, 404, 'ResourceNotFound', message);
}
