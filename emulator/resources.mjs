// Handlers of the access package and catalog resources. Each takes the parsed request, the
// route's parameters and the runtime, and returns `{ status, headers, body }`. A malformed
// query option raises QueryError, which the router turns into 400.

import {
  CATALOG_COLLECTION,
  CATALOG_NAVIGATION,
  MANAGEMENT_PATH,
  catalogEntity,
  contextUrl,
  packageEntity,
} from './entities.mjs';
import { graphError, jsonResponse, readJsonBody } from './http.mjs';
import {
  decodeSkipToken,
  matchesFilter,
  nextLink,
  pageOf,
  parseExpand,
  parseFilter,
  parseTop,
} from './odata.mjs';
import { readCreateBody } from './validate.mjs';

const PACKAGE_TYPE = 'microsoft.graph.accessPackage';
const CATALOG_TYPE = 'microsoft.graph.accessPackageCatalog';

export function createPackage(request, params, { store, apiUrl }) {
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

export function listPackages(request, params, { store, settings, apiUrl }) {
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
  return collection(apiUrl, request, {
    contextPath: contextPath + expandSuffix,
    path: collectionPath,
    value,
    nextOffset: page.nextOffset,
  });
}

export function getPackage(request, params, { store, apiUrl }) {
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

export function listCatalogs(request, params, { store, settings, apiUrl }) {
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
  return collection(apiUrl, request, {
    contextPath: path,
    path,
    value,
    nextOffset: page.nextOffset,
  });
}

export function getCatalog(request, params, { store, apiUrl }) {
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

// Builds a collection response. `path` is the URL path below the version that
// @odata.nextLink repeats, and `contextPath` the metadata fragment of @odata.context.
function collection(apiUrl, request, { contextPath, path, value, nextOffset }) {
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
