// Checks of an access package create body, written from the Graph contract for v1.0 and
// beta. The first failed check decides the response, in this order:
//   1. 400 BadRequest       the body is not a JSON object
//   2. 400 BadRequest       a server-set property (id, createdBy, createdDateTime, modifiedBy,
//                           modifiedDateTime), checked first because v1.0 does not declare
//                           createdBy or modifiedBy at all
//   3. 400 RequestBodyRead  a property the version does not declare, in body order
//   4. 400 RequestBodyRead  a value of the wrong JSON type, or a wrong @odata.type
//   5. 400 InvalidModel     displayName missing or empty, catalog id missing or not a GUID
// The catalog's existence (404) and name uniqueness (409) are checked against the store.

const ACCESS_PACKAGE_TYPE = '#microsoft.graph.accessPackage';

const SERVER_SET = ['id', 'createdBy', 'createdDateTime', 'modifiedBy', 'modifiedDateTime'];

const DECLARED = {
  'v1.0': ['displayName', 'description', 'isHidden', 'catalog', '@odata.type'],
  beta: [
    'displayName',
    'description',
    'isHidden',
    'isRoleScopesVisible',
    'catalogId',
    '@odata.type',
  ],
};

// Hints, by version, for a property that only the other version declares.
const VERSION_HINTS = {
  'v1.0': {
    catalogId: 'v1.0 takes the catalog as "catalog": {"id": "<catalog id>"}',
    isRoleScopesVisible: 'that property exists only in beta',
  },
  beta: {
    catalog: 'beta takes the catalog as "catalogId": "<catalog id>"',
    accessPackageCatalog: 'beta takes the catalog as "catalogId": "<catalog id>"',
  },
};

// Properties of accessPackageCatalog in v1.0. A `catalog` object may carry them, but only
// its `id` is used.
const CATALOG_DECLARED = [
  'id',
  'displayName',
  'description',
  'catalogType',
  'state',
  'isExternallyVisible',
  'createdDateTime',
  'modifiedDateTime',
  '@odata.type',
];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks a parsed create body for `version` ("v1.0" or "beta"). Returns `{ input }` with
 * `catalogId`, `displayName`, `description`, `isHidden` and `isRoleScopesVisible`, or
 * `{ problem: { status, code, message } }` for the first check that failed.
 */
export function readCreateBody(version, body) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    const found = Array.isArray(body) ? 'an array' : JSON.stringify(body);
    return badRequest(`The request body must be a JSON object, got ${found}.`);
  }

  const serverSet = Object.keys(body).find((name) => SERVER_SET.includes(name));
  if (serverSet !== undefined) {
    return badRequest(
      `The property '${serverSet}' is set by the server and cannot be sent on create; ` +
        'remove it from the request body.',
    );
  }

  const unknown = Object.keys(body).find((name) => !DECLARED[version].includes(name));
  if (unknown !== undefined) {
    return unknownProperty(version, unknown);
  }

  const typed = readTypedValues(version, body);
  if (typed.problem) {
    return typed;
  }
  return checkModel(typed.input);
}

function readTypedValues(version, body) {
  const odataType = body['@odata.type'];
  if (odataType !== undefined && odataType !== ACCESS_PACKAGE_TYPE) {
    return bodyReadError(
      `The @odata.type ${JSON.stringify(odataType)} is not valid here; ` +
        `send '${ACCESS_PACKAGE_TYPE}' or leave it out.`,
    );
  }

  const description = body.description;
  if (description !== undefined && description !== null && typeof description !== 'string') {
    return bodyReadError(
      `Cannot convert ${JSON.stringify(description)} to Edm.String for the property 'description'.`,
    );
  }

  const isHidden = readBoolean(body, 'isHidden');
  const isRoleScopesVisible = readBoolean(body, 'isRoleScopesVisible');
  const catalogId = version === 'beta' ? readCatalogId(body) : readCatalogObject(body);
  for (const result of [isHidden, isRoleScopesVisible, catalogId]) {
    if (result.problem) {
      return result;
    }
  }

  const input = {
    displayName: body.displayName,
    description: description ?? null,
    isHidden: isHidden.value,
    isRoleScopesVisible: isRoleScopesVisible.value,
    catalogId: catalogId.value,
  };
  return { input };
}

// Graph's OData reader accepts the strings "true" and "false" for a Boolean as well.
function readBoolean(body, name) {
  const value = body[name];
  if (value === undefined || value === false || value === 'false') {
    return { value: false };
  }
  if (value === true || value === 'true') {
    return { value: true };
  }
  return bodyReadError(
    `Cannot convert ${JSON.stringify(value)} to Edm.Boolean for the property '${name}'; ` +
      'send true or false.',
  );
}

function readCatalogId(body) {
  const value = body.catalogId;
  if (value !== undefined && value !== null && typeof value !== 'string') {
    return bodyReadError(
      `Cannot convert ${JSON.stringify(value)} to Edm.String for the property 'catalogId'.`,
    );
  }
  return { value: value ?? undefined };
}

function readCatalogObject(body) {
  const catalog = body.catalog;
  if (catalog === undefined || catalog === null) {
    return { value: undefined };
  }
  if (typeof catalog !== 'object' || Array.isArray(catalog)) {
    return bodyReadError(
      `The property 'catalog' must be an object like {"id": "<catalog id>"}, ` +
        `got ${JSON.stringify(catalog)}.`,
    );
  }
  const unknown = Object.keys(catalog).find((name) => !CATALOG_DECLARED.includes(name));
  if (unknown !== undefined) {
    return bodyReadError(
      `The property '${unknown}' does not exist on type 'microsoft.graph.accessPackageCatalog'; ` +
        'send only "catalog": {"id": "<catalog id>"}.',
    );
  }
  if (catalog.id !== undefined && catalog.id !== null && typeof catalog.id !== 'string') {
    return bodyReadError(
      `Cannot convert ${JSON.stringify(catalog.id)} to Edm.String for the property 'catalog.id'.`,
    );
  }
  return { value: catalog.id ?? undefined };
}

function checkModel(input) {
  const { displayName, catalogId } = input;
  if (typeof displayName !== 'string' || displayName.trim() === '') {
    const found =
      displayName === undefined ? 'it is missing' : `got ${JSON.stringify(displayName)}`;
    return invalidModel(`The property 'displayName' must be a non-empty string, ${found}.`);
  }
  if (catalogId === undefined || catalogId.trim() === '') {
    return invalidModel(
      'The catalog id is missing; every access package must name the catalog it belongs to.',
    );
  }
  if (!GUID.test(catalogId)) {
    return invalidModel(
      `The catalog id '${catalogId}' is not a GUID; expected 8-4-4-4-12 hexadecimal digits.`,
    );
  }
  return { input };
}

function unknownProperty(version, name) {
  const hint = VERSION_HINTS[version][name];
  const message =
    `The property '${name}' does not exist on type 'microsoft.graph.accessPackage' in ${version}` +
    (hint ? `; ${hint}.` : '. Remove it from the request body.');
  return bodyReadError(message);
}

function badRequest(message) {
  return { problem: { status: 400, code: 'BadRequest', message } };
}

function bodyReadError(message) {
  return { problem: { status: 400, code: 'RequestBodyRead', message } };
}

function invalidModel(message) {
  return { problem: { status: 400, code: 'InvalidModel', message } };
}
