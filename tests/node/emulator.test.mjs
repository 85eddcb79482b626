// Behaviour tests of the local Graph emulator, run in-process against real listeners on
// free loopback ports: node --test tests/node/emulator.test.mjs

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import { parseCommandLine } from '../../emulator/cli.mjs';
import { startEmulator } from '../../emulator/server.mjs';

const SERVER_PATH = fileURLToPath(new URL('../../emulator/server.mjs', import.meta.url));

const SALES = '66584aae-98bb-48cc-9458-7bee5d2a6577';
const FIELD = 'aa2f6514-3232-46e7-a08a-2411ad8d7128';
const UNKNOWN_CATALOG = '11111111-2222-4333-8444-555555555555';
const V1 = '/v1.0/identityGovernance/entitlementManagement';
const BETA = '/beta/identityGovernance/entitlementManagement';

const JSON_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;' +
  'IEEE754Compatible=false;charset=utf-8';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const GRAPH_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/;
const ERROR_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/;

// The example requests of Graph's published v1.0 and beta "Create accessPackage" pages.
const V1_EXAMPLE = {
  displayName: 'sales reps',
  description: 'outside sales representatives',
  isHidden: false,
  catalog: { id: SALES },
};
const BETA_EXAMPLE = {
  catalogId: FIELD,
  displayName: 'sales reps',
  description: 'outside sales representatives',
};

let emulator;

before(async () => {
  emulator = await startEmulator({ port: 0, apiPort: 0, quiet: true });
});

after(async () => {
  await emulator.close();
});

beforeEach(() => {
  emulator.reset();
});

// Sends a request to an emulator's API with a bearer token, or none when `token` is null.
// A `body` that is neither a string nor bytes is sent as JSON.
function api(
  path,
  { method = 'GET', token = 'opaque-test-token', headers = {}, body, server } = {},
) {
  const allHeaders = { ...headers };
  if (token !== null) {
    allHeaders.Authorization = `Bearer ${token}`;
  }
  let payload = body;
  if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array)) {
    allHeaders['Content-Type'] ??= 'application/json';
    payload = JSON.stringify(body);
  }
  return fetch(`${(server ?? emulator).apiUrl}${path}`, {
    method,
    headers: allHeaders,
    body: payload,
  });
}

async function errorCode(response) {
  const body = await response.json();
  return body.error.code;
}

function createV1(displayName, catalogId = SALES, server) {
  return api(`${V1}/accessPackages`, {
    method: 'POST',
    body: { displayName, catalog: { id: catalogId } },
    server,
  });
}

function jwt(payload) {
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.signature`;
}

function createItem(id, displayName, catalogId = SALES) {
  return {
    id,
    method: 'POST',
    url: '/identityGovernance/entitlementManagement/accessPackages',
    headers: { 'Content-Type': 'application/json' },
    body: { displayName, catalog: { id: catalogId } },
  };
}

function batch(requests, server) {
  return api('/v1.0/$batch', { method: 'POST', body: { requests }, server });
}

async function withEmulator(options, run) {
  const server = await startEmulator({ port: 0, apiPort: 0, quiet: true, ...options });
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

// Sends a GET with the path exactly as given; fetch would normalize `..` away.
function rawGet(origin, rawPath) {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: hostname, port, path: rawPath }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString() }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

describe('create', () => {
  test('v1.0 example returns 201', async () => {
    const response = await api(`${V1}/accessPackages`, { method: 'POST', body: V1_EXAMPLE });
    assert.equal(response.status, 201);
    const body = await response.json();
    assert.equal(
      body['@odata.context'],
      `${emulator.apiUrl}/v1.0/$metadata#${V1.slice('/v1.0/'.length)}/accessPackages/$entity`,
    );
    assert.match(body.id, GUID);
    assert.equal(body.displayName, 'sales reps');
    assert.equal(body.description, 'outside sales representatives');
    assert.equal(body.isHidden, false);
    assert.match(body.createdDateTime, GRAPH_TIMESTAMP);
    assert.match(body.modifiedDateTime, GRAPH_TIMESTAMP);
    assert.equal('catalog' in body, false);
    assert.equal('catalogId' in body, false);
    assert.equal('createdBy' in body, false);
    assert.equal(
      response.headers.get('location'),
      `${emulator.apiUrl}${V1}/accessPackages/${body.id}`,
    );
  });

  test('beta example returns 201', async () => {
    const response = await api(`${BETA}/accessPackages`, { method: 'POST', body: BETA_EXAMPLE });
    assert.equal(response.status, 201);
    const body = await response.json();
    assert.equal(
      body['@odata.context'],
      `${emulator.apiUrl}/beta/$metadata#${BETA.slice('/beta/'.length)}/accessPackages/$entity`,
    );
    assert.match(body.id, GUID);
    assert.equal(body.catalogId, FIELD);
    assert.equal(body.displayName, 'sales reps');
    assert.equal(body.isHidden, false);
    assert.equal(body.isRoleScopesVisible, false);
    assert.equal(body.createdBy, 'admin@contoso.onmicrosoft.com');
    assert.equal(body.modifiedBy, 'admin@contoso.onmicrosoft.com');
    assert.match(body.createdDateTime, GRAPH_TIMESTAMP);
    assert.ok(
      response.headers
        .get('location')
        .endsWith(`/beta/identityGovernance/entitlementManagement/accessPackages/${body.id}`),
    );
  });

  test('beta create visible through v1.0', async () => {
    const created = await (
      await api(`${BETA}/accessPackages`, { method: 'POST', body: BETA_EXAMPLE })
    ).json();
    const response = await api(`${V1}/accessPackages/${created.id}`);
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.equal(body.id, created.id);
    assert.equal('catalogId' in body, false);
  });

  test('same name twice returns 409', async () => {
    assert.equal((await createV1('sales reps')).status, 201);
    const second = await createV1('sales reps');
    assert.equal(second.status, 409);
    assert.equal(await errorCode(second), 'DuplicateAccessPackage');
    const otherCase = await createV1('SALES Reps');
    assert.equal(otherCase.status, 409);
    assert.equal(await errorCode(otherCase), 'DuplicateAccessPackage');
  });

  test('same name in other catalog returns 201', async () => {
    assert.equal((await createV1('sales reps', SALES)).status, 201);
    assert.equal((await createV1('sales reps', FIELD)).status, 201);
  });

  test('unknown properties return RequestBodyRead', async () => {
    const cases = [
      ['v1.0', { displayName: 'a', catalog: { id: SALES }, catalogId: SALES }, 'catalogId'],
      [
        'v1.0',
        { displayName: 'a', catalog: { id: SALES }, isRoleScopesVisible: true },
        'isRoleScopesVisible',
      ],
      ['v1.0', { displayName: 'a', catalog: { id: SALES }, owner: 'x' }, 'owner'],
      ['v1.0', { displayName: 'a', catalog: { id: SALES, name: 'x' } }, 'name'],
      ['beta', { displayName: 'a', catalogId: SALES, catalog: { id: SALES } }, 'catalog'],
      [
        'beta',
        { displayName: 'a', catalogId: SALES, accessPackageCatalog: { id: SALES } },
        'accessPackageCatalog',
      ],
      ['beta', { displayName: 'a', catalogId: SALES, DisplayName: 'b' }, 'DisplayName'],
    ];
    for (const [version, body, property] of cases) {
      const response = await api(
        `/${version}/identityGovernance/entitlementManagement/accessPackages`,
        {
          method: 'POST',
          body,
        },
      );
      assert.equal(response.status, 400, `${version} ${property}`);
      const { error } = await response.json();
      assert.equal(error.code, 'RequestBodyRead', `${version} ${property}`);
      assert.ok(error.message.includes(`'${property}'`), error.message);
    }
  });

  test('server-set properties return BadRequest', async () => {
    const readOnly = ['id', 'createdBy', 'createdDateTime', 'modifiedBy', 'modifiedDateTime'];
    for (const property of readOnly) {
      for (const [version, base] of [
        ['v1.0', { displayName: 'a', catalog: { id: SALES } }],
        ['beta', { displayName: 'a', catalogId: SALES }],
      ]) {
        const body = { ...base, [property]: 'x' };
        const response = await api(
          `/${version}/identityGovernance/entitlementManagement/accessPackages`,
          {
            method: 'POST',
            body,
          },
        );
        assert.equal(response.status, 400, `${version} ${property}`);
        const { error } = await response.json();
        assert.equal(error.code, 'BadRequest', `${version} ${property}`);
        assert.ok(error.message.includes(`'${property}'`), error.message);
      }
    }
  });

  test('generated seed example returns BadRequest', async () => {
    const seedExample = {
      '@odata.type': '#microsoft.graph.accessPackage',
      catalogId: 'String',
      createdBy: 'String',
      description: 'String',
      displayName: 'String',
      isHidden: 'Boolean',
      isRoleScopesVisible: 'Boolean',
      modifiedBy: 'String',
    };
    const response = await api(`${BETA}/accessPackages`, { method: 'POST', body: seedExample });
    assert.equal(response.status, 400);
    assert.equal(await errorCode(response), 'BadRequest');
  });

  test('odata type is checked', async () => {
    const wrong = await api(`${V1}/accessPackages`, {
      method: 'POST',
      body: { ...V1_EXAMPLE, '@odata.type': '#microsoft.graph.group' },
    });
    assert.equal(wrong.status, 400);
    assert.equal(await errorCode(wrong), 'RequestBodyRead');
    const right = await api(`${V1}/accessPackages`, {
      method: 'POST',
      body: { ...V1_EXAMPLE, '@odata.type': '#microsoft.graph.accessPackage' },
    });
    assert.equal(right.status, 201);
  });

  test('string booleans are accepted', async () => {
    const response = await api(`${BETA}/accessPackages`, {
      method: 'POST',
      body: { ...BETA_EXAMPLE, isHidden: 'true', isRoleScopesVisible: 'false' },
    });
    assert.equal(response.status, 201);
    const body = await response.json();
    assert.equal(body.isHidden, true);
    assert.equal(body.isRoleScopesVisible, false);
  });

  test('other boolean values return RequestBodyRead', async () => {
    for (const value of ['yes', 'True', 1, 0, null, {}]) {
      const response = await api(`${V1}/accessPackages`, {
        method: 'POST',
        body: { ...V1_EXAMPLE, isHidden: value },
      });
      assert.equal(response.status, 400, JSON.stringify(value));
      assert.equal(await errorCode(response), 'RequestBodyRead', JSON.stringify(value));
    }
  });

  test('bad displayName returns InvalidModel', async () => {
    for (const displayName of [undefined, '', '   ', 42, null]) {
      const response = await api(`${V1}/accessPackages`, {
        method: 'POST',
        body: { displayName, catalog: { id: SALES } },
      });
      assert.equal(response.status, 400, String(displayName));
      assert.equal(await errorCode(response), 'InvalidModel', String(displayName));
    }
  });

  test('missing catalog returns InvalidModel', async () => {
    const cases = [
      ['v1.0', { displayName: 'a' }],
      ['v1.0', { displayName: 'a', catalog: {} }],
      ['v1.0', { displayName: 'a', catalog: null }],
      ['beta', { displayName: 'a' }],
      ['beta', { displayName: 'a', catalogId: '' }],
    ];
    for (const [version, body] of cases) {
      const response = await api(
        `/${version}/identityGovernance/entitlementManagement/accessPackages`,
        {
          method: 'POST',
          body,
        },
      );
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(await errorCode(response), 'InvalidModel', JSON.stringify(body));
    }
  });

  test('catalog id not a GUID returns InvalidModel', async () => {
    const v1 = await createV1('a', 'HR');
    assert.equal(v1.status, 400);
    assert.equal(await errorCode(v1), 'InvalidModel');
    const beta = await api(`${BETA}/accessPackages`, {
      method: 'POST',
      body: { displayName: 'a', catalogId: '66584aae98bb48cc94587bee5d2a6577' },
    });
    assert.equal(beta.status, 400);
    assert.equal(await errorCode(beta), 'InvalidModel');
  });

  test('unknown catalog returns 404', async () => {
    const v1 = await createV1('a', UNKNOWN_CATALOG);
    assert.equal(v1.status, 404);
    assert.equal(await errorCode(v1), 'ResourceNotFound');
    const beta = await api(`${BETA}/accessPackages`, {
      method: 'POST',
      body: { displayName: 'a', catalogId: UNKNOWN_CATALOG },
    });
    assert.equal(beta.status, 404);
    assert.equal(await errorCode(beta), 'ResourceNotFound');
  });

  test('catalog id is case-insensitive', async () => {
    const response = await createV1('upper', SALES.toUpperCase());
    assert.equal(response.status, 201);
    assert.equal(emulator.store.state().packages[0].catalogId, SALES);
  });

  test('malformed bodies return BadRequest', async () => {
    for (const body of ['{"displayName":', '[]', '"text"', 'null', '']) {
      const response = await api(`${V1}/accessPackages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(await errorCode(response), 'BadRequest', JSON.stringify(body));
    }
  });

  test('non-JSON content type returns 415', async () => {
    const response = await api(`${V1}/accessPackages`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify(V1_EXAMPLE),
    });
    assert.equal(response.status, 415);
    assert.equal(await errorCode(response), 'RequestBodyRead');
  });

  test('missing content type returns 400', async () => {
    // fetch sends no Content-Type for a byte array body.
    const response = await api(`${V1}/accessPackages`, {
      method: 'POST',
      body: new TextEncoder().encode(JSON.stringify(V1_EXAMPLE)),
    });
    assert.equal(response.status, 400);
    assert.equal(await errorCode(response), 'BadRequest');
  });

  test('content type with parameters is accepted', async () => {
    const response = await api(`${V1}/accessPackages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: V1_EXAMPLE,
    });
    assert.equal(response.status, 201);
  });
});

describe('response headers and errors', () => {
  test('headers follow Graph', async () => {
    const response = await api(`${V1}/catalogs`, { headers: { 'client-request-id': 'abc-123' } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('request-id'), GUID);
    assert.equal(response.headers.get('client-request-id'), 'abc-123');
    assert.ok(response.headers.get('date'));
    assert.equal(response.headers.get('content-type'), JSON_TYPE);
  });

  test('client-request-id generated when absent', async () => {
    const response = await api(`${V1}/catalogs`);
    assert.match(response.headers.get('client-request-id'), GUID);
    assert.notEqual(response.headers.get('client-request-id'), response.headers.get('request-id'));
  });

  test('error body has innerError', async () => {
    const response = await createV1('a', UNKNOWN_CATALOG);
    assert.equal(response.headers.get('content-type'), JSON_TYPE);
    const { error } = await response.json();
    assert.equal(error.code, 'ResourceNotFound');
    assert.equal(typeof error.message, 'string');
    assert.match(error.innerError.date, ERROR_DATE);
    assert.equal(error.innerError['request-id'], response.headers.get('request-id'));
    assert.equal(error.innerError['client-request-id'], response.headers.get('client-request-id'));
  });

  test('unknown segment returns BadRequest', async () => {
    const cases = [
      [`${V1}/accessPackageCatalogs`, 'accessPackageCatalogs'],
      [`${BETA}/catalogs`, 'catalogs'],
      ['/v1.0/me', 'me'],
      [`${V1}/accessPackages/x/y`, 'y'],
    ];
    for (const [path, segment] of cases) {
      const response = await api(path);
      assert.equal(response.status, 400, path);
      const { error } = await response.json();
      assert.equal(error.code, 'BadRequest', path);
      assert.equal(error.message, `Resource not found for the segment '${segment}'.`);
    }
  });

  test('unknown version returns BadRequest', async () => {
    const response = await api('/v2.0/identityGovernance/entitlementManagement/accessPackages');
    assert.equal(response.status, 400);
    assert.equal(await errorCode(response), 'BadRequest');
  });

  test('wrong method returns 405', async () => {
    const cases = [
      ['DELETE', `${V1}/accessPackages`],
      ['POST', `${V1}/catalogs`],
      ['PATCH', `${BETA}/accessPackageCatalogs/${SALES}`],
      ['GET', '/v1.0/$batch'],
    ];
    for (const [method, path] of cases) {
      const response = await api(path, { method });
      assert.equal(response.status, 405, `${method} ${path}`);
      assert.equal(await errorCode(response), 'MethodNotAllowed');
      assert.ok(response.headers.get('allow'));
    }
  });
});

describe('authentication', () => {
  test('missing token returns 401', async () => {
    const response = await api(`${V1}/catalogs`, { token: null });
    assert.equal(response.status, 401);
    assert.equal(await errorCode(response), 'InvalidAuthenticationToken');
  });

  test('non-bearer scheme returns 401', async () => {
    const response = await api(`${V1}/catalogs`, {
      token: null,
      headers: { Authorization: 'Basic dXNlcjpwYXNz' },
    });
    assert.equal(response.status, 401);
    assert.equal(await errorCode(response), 'InvalidAuthenticationToken');
  });

  test('empty bearer token returns 401', async () => {
    const response = await api(`${V1}/catalogs`, {
      token: null,
      headers: { Authorization: 'Bearer ' },
    });
    assert.equal(response.status, 401);
    assert.equal(await errorCode(response), 'InvalidAuthenticationToken');
  });

  test('opaque token is accepted', async () => {
    const response = await api(`${V1}/catalogs`, { token: 'EwBwA8l6BAAU.opaque' });
    assert.equal(response.status, 200);
  });

  test('undecodable JWT payload returns 401', async () => {
    const notJson = Buffer.from('not json').toString('base64url');
    const response = await api(`${V1}/catalogs`, { token: `eyJhbGciOiJub25lIn0.${notJson}.sig` });
    assert.equal(response.status, 401);
    assert.equal(await errorCode(response), 'InvalidAuthenticationToken');
  });

  test('expired JWT returns 401', async () => {
    const token = jwt({ exp: Math.floor(Date.now() / 1000) - 60 });
    const response = await api(`${V1}/catalogs`, { token });
    assert.equal(response.status, 401);
    const { error } = await response.json();
    assert.equal(error.code, 'InvalidAuthenticationToken');
    assert.match(error.message, /expired/);
  });

  test('current JWT is accepted', async () => {
    const token = jwt({
      exp: Math.floor(Date.now() / 1000) + 3600,
      aud: 'https://graph.microsoft.com',
    });
    const response = await api(`${V1}/catalogs`, { token });
    assert.equal(response.status, 200);
  });

  test('batch without token returns 401', async () => {
    const response = await api('/v1.0/$batch', {
      method: 'POST',
      token: null,
      body: {
        requests: [
          { id: '1', method: 'GET', url: '/identityGovernance/entitlementManagement/catalogs' },
        ],
      },
    });
    assert.equal(response.status, 401);
    assert.equal(await errorCode(response), 'InvalidAuthenticationToken');
  });
});

describe('CORS', () => {
  test('preflight allows the request', async () => {
    const response = await fetch(`${emulator.apiUrl}${V1}/accessPackages`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:9999',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,client-request-id',
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    const methods = response.headers.get('access-control-allow-methods').split(/,\s*/);
    for (const method of ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS']) {
      assert.ok(methods.includes(method), method);
    }
    assert.equal(
      response.headers.get('access-control-allow-headers'),
      'authorization,content-type,client-request-id',
    );
    assert.match(response.headers.get('access-control-max-age'), /^\d+$/);
  });

  test('responses expose Graph headers', async () => {
    const response = await api(`${V1}/catalogs`, { headers: { Origin: 'http://127.0.0.1:9999' } });
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(
      response.headers.get('access-control-expose-headers'),
      'request-id, client-request-id, Location, Retry-After',
    );
  });

  test('errors carry CORS headers too', async () => {
    const response = await api(`${V1}/catalogs`, { token: null });
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
  });

  test('hidden Retry-After is not exposed', async () => {
    await withEmulator({ exposeRetryAfter: false, rate: 1, burst: 1 }, async (server) => {
      const first = await api(`${V1}/catalogs`, { server });
      assert.equal(
        first.headers.get('access-control-expose-headers'),
        'request-id, client-request-id, Location',
      );
      const throttled = await api(`${V1}/catalogs`, { server });
      assert.equal(throttled.status, 429);
      assert.equal(
        throttled.headers.get('access-control-expose-headers'),
        'request-id, client-request-id, Location',
      );
      assert.match(throttled.headers.get('retry-after'), /^\d+$/);
    });
  });
});

describe('lists', () => {
  async function collectPages(firstUrl) {
    const pages = [];
    let url = firstUrl;
    while (url !== undefined) {
      const response = await fetch(url, { headers: { Authorization: 'Bearer t' } });
      assert.equal(response.status, 200, url);
      const body = await response.json();
      pages.push(body);
      url = body['@odata.nextLink'];
      if (url !== undefined) {
        assert.ok(url.startsWith(`${emulator.apiUrl}/`), url);
      }
    }
    return pages;
  }

  test('v1.0 catalogs come in pages', async () => {
    const pages = await collectPages(`${emulator.apiUrl}${V1}/catalogs`);
    assert.deepEqual(
      pages.map((page) => page.value.length),
      [2, 2, 1],
    );
    const names = pages.flatMap((page) => page.value.map((catalog) => catalog.displayName));
    assert.deepEqual(names, [
      'Sales and Marketing',
      'Field Operations',
      'General',
      'Engineering',
      'Finance',
    ]);
    assert.equal(
      pages[0]['@odata.context'],
      `${emulator.apiUrl}/v1.0/$metadata#identityGovernance/entitlementManagement/catalogs`,
    );
  });

  test('beta catalogs come in pages', async () => {
    const pages = await collectPages(`${emulator.apiUrl}${BETA}/accessPackageCatalogs`);
    assert.deepEqual(
      pages.map((page) => page.value.length),
      [2, 2, 1],
    );
    assert.equal(pages[0].value[0].catalogStatus, 'Published');
  });

  test('page size is a setting', async () => {
    await withEmulator({ pageSize: 4 }, async (server) => {
      const body = await (await api(`${V1}/catalogs`, { server })).json();
      assert.equal(body.value.length, 4);
      assert.ok(body['@odata.nextLink'].startsWith(`${server.apiUrl}/v1.0/`));
    });
  });

  test('top limits the page', async () => {
    const body = await (await api(`${V1}/catalogs?$top=1`)).json();
    assert.equal(body.value.length, 1);
    assert.ok(body['@odata.nextLink'].includes('$top=1'));
    const invalid = await api(`${V1}/catalogs?$top=-1`);
    assert.equal(invalid.status, 400);
    assert.equal(await errorCode(invalid), 'BadRequest');
  });

  test('catalog by id', async () => {
    const response = await api(`${V1}/catalogs/${FIELD}`);
    assert.equal(response.status, 200);
    assert.equal((await response.json()).displayName, 'Field Operations');
    const missing = await api(`${BETA}/accessPackageCatalogs/${UNKNOWN_CATALOG}`);
    assert.equal(missing.status, 404);
    assert.equal(await errorCode(missing), 'ResourceNotFound');
  });

  test('filter handles a quoted name', async () => {
    assert.equal((await createV1("O'Brien's team", SALES)).status, 201);
    assert.equal((await createV1('Other team', SALES)).status, 201);
    const filter = encodeURIComponent("displayName eq 'o''brien''s TEAM'");
    for (const path of [
      `${V1}/catalogs/${SALES}/accessPackages`,
      `${BETA}/accessPackageCatalogs/${SALES}/accessPackages`,
      `${V1}/accessPackages`,
    ]) {
      const response = await api(`${path}?$filter=${filter}`);
      assert.equal(response.status, 200, path);
      const body = await response.json();
      assert.deepEqual(
        body.value.map((item) => item.displayName),
        ["O'Brien's team"],
        path,
      );
    }
    const otherCatalog = await (
      await api(`${V1}/catalogs/${FIELD}/accessPackages?$filter=${filter}`)
    ).json();
    assert.deepEqual(otherCatalog.value, []);
  });

  test('filter decodes plus as space', async () => {
    assert.equal((await createV1('a b', SALES)).status, 201);
    const body = await (await api(`${V1}/accessPackages?$filter=displayName+eq+'a+b'`)).json();
    assert.equal(body.value.length, 1);
  });

  test('unsupported filter returns BadRequest', async () => {
    for (const filter of [
      "startswith(displayName,'a')",
      "displayName eq 'open",
      "isHidden eq 'true'",
    ]) {
      const response = await api(`${V1}/accessPackages?$filter=${encodeURIComponent(filter)}`);
      assert.equal(response.status, 400, filter);
      assert.equal(await errorCode(response), 'BadRequest', filter);
    }
  });

  test('packages page with top', async () => {
    for (const name of ['one', 'two', 'three']) {
      assert.equal((await createV1(name)).status, 201);
    }
    const pages = await collectPages(`${emulator.apiUrl}${V1}/accessPackages?$top=2`);
    assert.deepEqual(
      pages.map((page) => page.value.map((item) => item.displayName)),
      [['one', 'two'], ['three']],
    );
  });

  test('package by id', async () => {
    const created = await (await createV1('by id')).json();
    for (const path of [
      `${V1}/accessPackages/${created.id}`,
      `${V1}/accessPackages('${created.id}')`,
      `${V1}/catalogs/${SALES}/accessPackages/${created.id}`,
    ]) {
      const response = await api(path);
      assert.equal(response.status, 200, path);
      assert.equal((await response.json()).id, created.id);
    }
    const wrongCatalog = await api(`${V1}/catalogs/${FIELD}/accessPackages/${created.id}`);
    assert.equal(wrongCatalog.status, 404);
    const missing = await api(`${V1}/accessPackages/${UNKNOWN_CATALOG}`);
    assert.equal(missing.status, 404);
    assert.equal(await errorCode(missing), 'ResourceNotFound');
  });

  test('unknown catalog list returns 404', async () => {
    const response = await api(`${V1}/catalogs/${UNKNOWN_CATALOG}/accessPackages`);
    assert.equal(response.status, 404);
    assert.equal(await errorCode(response), 'ResourceNotFound');
  });

  test('expand adds the catalog', async () => {
    const created = await (await createV1('expanded', FIELD)).json();
    const v1 = await (await api(`${V1}/accessPackages/${created.id}?$expand=catalog`)).json();
    assert.equal(v1.catalog.id, FIELD);
    assert.equal(v1.catalog.displayName, 'Field Operations');
    const beta = await (await api(`${BETA}/accessPackages?$expand=accessPackageCatalog`)).json();
    assert.equal(beta.value[0].accessPackageCatalog.id, FIELD);
    const wrong = await api(`${V1}/accessPackages?$expand=accessPackageCatalog`);
    assert.equal(wrong.status, 400);
    assert.equal(await errorCode(wrong), 'BadRequest');
  });
});

describe('batch', () => {
  test('mixed batch returns item statuses', async () => {
    assert.equal((await createV1('existing')).status, 201);
    const response = await batch([
      createItem('1', 'first'),
      createItem('2', 'existing'),
      createItem('3', 'third', UNKNOWN_CATALOG),
      {
        id: '4',
        method: 'GET',
        url: `/identityGovernance/entitlementManagement/catalogs/${FIELD}`,
      },
      { id: '5', method: 'GET', url: '/identityGovernance/nothing' },
    ]);
    assert.equal(response.status, 200);
    const { responses } = await response.json();
    const byId = Object.fromEntries(responses.map((item) => [item.id, item]));
    assert.equal(byId['1'].status, 201);
    assert.match(byId['1'].body.id, GUID);
    assert.ok(byId['1'].headers.Location.endsWith(`/accessPackages/${byId['1'].body.id}`));
    assert.equal(byId['1'].headers['Content-Type'], JSON_TYPE);
    assert.equal(byId['2'].status, 409);
    assert.equal(byId['2'].body.error.code, 'DuplicateAccessPackage');
    assert.equal(byId['3'].status, 404);
    assert.equal(byId['3'].body.error.code, 'ResourceNotFound');
    assert.equal(byId['4'].status, 200);
    assert.equal(byId['4'].body.displayName, 'Field Operations');
    assert.equal(byId['5'].status, 400);
    assert.equal(byId['5'].body.error.code, 'BadRequest');
    assert.equal(emulator.store.state().creates, 2);
  });

  test('responses come back shuffled', async () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const response = await batch(ids.map((id) => createItem(id, `shuffled ${id}`)));
    const { responses } = await response.json();
    assert.deepEqual(responses.map((item) => item.id).sort(), ids);
    assert.notDeepEqual(
      responses.map((item) => item.id),
      ids,
    );
  });

  test('more than 20 requests returns 400', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => createItem(String(i), `item ${i}`));
    const response = await batch(requests);
    assert.equal(response.status, 400);
    assert.equal(await errorCode(response), 'BadRequest');
    assert.equal(emulator.store.state().creates, 0);
    const twenty = await batch(requests.slice(0, 20));
    assert.equal(twenty.status, 200);
  });

  test('body without content type returns 400', async () => {
    const item = createItem('1', 'no type');
    delete item.headers;
    const response = await batch([createItem('0', 'fine'), item]);
    assert.equal(response.status, 400);
    assert.equal(await errorCode(response), 'BadRequest');
    assert.equal(emulator.store.state().creates, 0);
  });

  test('content type name is case-insensitive', async () => {
    const item = createItem('1', 'lower case header');
    item.headers = { 'content-type': 'application/json' };
    const response = await batch([item]);
    assert.equal(response.status, 200);
    const { responses } = await response.json();
    assert.equal(responses[0].status, 201);
  });

  test('duplicate ids return 400', async () => {
    const response = await batch([createItem('A', 'one'), createItem('a', 'two')]);
    assert.equal(response.status, 400);
    assert.equal(await errorCode(response), 'BadRequest');
  });

  test('malformed envelope returns 400', async () => {
    for (const body of [
      {},
      { requests: 'x' },
      { requests: [{ method: 'GET', url: '/x' }] },
      { requests: [{ id: '1', url: '/x' }] },
    ]) {
      const response = await api('/v1.0/$batch', { method: 'POST', body });
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(await errorCode(response), 'BadRequest');
    }
  });

  test('failed dependency returns 424', async () => {
    const second = createItem('2', 'after missing');
    second.dependsOn = ['1'];
    const response = await batch([createItem('1', 'x', UNKNOWN_CATALOG), second]);
    const { responses } = await response.json();
    const byId = Object.fromEntries(responses.map((item) => [item.id, item]));
    assert.equal(byId['1'].status, 404);
    assert.equal(byId['2'].status, 424);
  });

  test('beta batch uses beta shapes', async () => {
    const response = await api('/beta/$batch', {
      method: 'POST',
      body: {
        requests: [
          {
            id: '1',
            method: 'POST',
            url: '/identityGovernance/entitlementManagement/accessPackages',
            headers: { 'Content-Type': 'application/json' },
            body: BETA_EXAMPLE,
          },
        ],
      },
    });
    const { responses } = await response.json();
    assert.equal(responses[0].status, 201);
    assert.equal(responses[0].body.catalogId, FIELD);
  });
});

describe('throttling', () => {
  test('empty budget returns 429', async () => {
    await withEmulator({ rate: 1, burst: 2 }, async (server) => {
      assert.equal((await api(`${V1}/catalogs`, { server })).status, 200);
      assert.equal((await api(`${V1}/catalogs`, { server })).status, 200);
      const throttled = await api(`${V1}/catalogs`, { server });
      assert.equal(throttled.status, 429);
      const retryAfter = throttled.headers.get('retry-after');
      assert.match(retryAfter, /^\d+$/);
      assert.ok(Number(retryAfter) >= 1);
      const { error } = await throttled.json();
      assert.equal(error.code, 'TooManyRequests');
      assert.equal(error.innerError.code, '429');
      const otherToken = await api(`${V1}/catalogs`, { server, token: 'another-token' });
      assert.equal(otherToken.status, 200);
    });
  });

  test('batch items over budget get 429', async () => {
    await withEmulator({ rate: 1, burst: 3 }, async (server) => {
      const items = ['a', 'b', 'c', 'd', 'e'].map((id) => createItem(id, `throttled ${id}`));
      const response = await batch(items, server);
      assert.equal(response.status, 200);
      const { responses } = await response.json();
      const statuses = Object.fromEntries(responses.map((item) => [item.id, item.status]));
      assert.deepEqual(statuses, { a: 201, b: 201, c: 201, d: 429, e: 429 });
      for (const item of responses.filter((entry) => entry.status === 429)) {
        assert.match(item.headers['Retry-After'], /^\d+$/);
        assert.equal(item.body.error.code, 'TooManyRequests');
      }
      assert.equal(server.store.state().creates, 3);

      const whole = await batch([createItem('f', 'throttled f')], server);
      assert.equal(whole.status, 429);
      assert.match(whole.headers.get('retry-after'), /^\d+$/);
      assert.equal(await errorCode(whole), 'TooManyRequests');
    });
  });

  test('state counts throttled requests and items', async () => {
    await withEmulator({ rate: 1, burst: 3 }, async (server) => {
      assert.equal((await api(`${V1}/catalogs`, { server })).status, 200);
      const items = ['a', 'b', 'c'].map((id) => createItem(id, `counted ${id}`));
      assert.equal((await batch(items, server)).status, 200);
      assert.equal((await batch([createItem('d', 'counted d')], server)).status, 429);
      assert.equal((await api(`${V1}/catalogs`, { server })).status, 429);
      assert.deepEqual(server.state().counters, {
        requests: 4,
        batches: 2,
        batchItems: 3,
        throttledRequests: 1,
        throttledBatches: 1,
        throttledItems: 1,
        droppedResponses: 0,
        failedResponses: 0,
      });
    });
  });

  test('reset refills the budget', async () => {
    await withEmulator({ rate: 1, burst: 1 }, async (server) => {
      assert.equal((await api(`${V1}/catalogs`, { server })).status, 200);
      assert.equal((await api(`${V1}/catalogs`, { server })).status, 429);
      server.reset();
      assert.equal((await api(`${V1}/catalogs`, { server })).status, 200);
    });
  });
});

describe('latency and list lag', () => {
  test('latency delays responses', async () => {
    await withEmulator({ latencyMs: 150 }, async (server) => {
      const started = performance.now();
      assert.equal((await api(`${V1}/catalogs`, { server })).status, 200);
      assert.ok(performance.now() - started >= 140);
    });
  });

  test('new package lags in lists', async () => {
    await withEmulator({ listLagMs: 300 }, async (server) => {
      const created = await (await createV1('lagging', SALES, server)).json();
      const filter = encodeURIComponent("displayName eq 'lagging'");
      const listPath = `${V1}/catalogs/${SALES}/accessPackages?$filter=${filter}`;

      const early = await (await api(listPath, { server })).json();
      assert.deepEqual(early.value, []);
      assert.equal(
        (await api(`${V1}/accessPackages`, { server }).then((r) => r.json())).value.length,
        0,
      );
      assert.equal((await api(`${V1}/accessPackages/${created.id}`, { server })).status, 200);
      assert.equal((await createV1('lagging', SALES, server)).status, 409);
      assert.equal(server.store.state().packages.length, 1);

      await sleep(350);
      const late = await (await api(listPath, { server })).json();
      assert.deepEqual(
        late.value.map((item) => item.id),
        [created.id],
      );
    });
  });
});

describe('faults', () => {
  test('dropped batch still stores items', async () => {
    await withEmulator({ dropRate: 1 }, async (server) => {
      await assert.rejects(batch([createItem('1', 'dropped')], server), TypeError);
      const state = server.state();
      assert.equal(state.creates, 1);
      assert.equal(state.packages[0].displayName, 'dropped');
      assert.equal(state.counters.droppedResponses, 1);
    });
  });

  test('failed batch returns 503 after storing', async () => {
    await withEmulator({ failRate: 1, failRetryAfter: 2 }, async (server) => {
      const response = await batch([createItem('1', 'failed')], server);
      assert.equal(response.status, 503);
      assert.equal(response.headers.get('retry-after'), '2');
      assert.equal(await errorCode(response), 'ServiceUnavailable');
      assert.equal(server.store.state().creates, 1);
      assert.equal(server.state().counters.failedResponses, 1);
    });
  });

  test('single requests are not faulted', async () => {
    await withEmulator({ dropRate: 0.5, failRate: 0.5 }, async (server) => {
      assert.equal((await createV1('single', SALES, server)).status, 201);
    });
  });

  test('faults repeat with the seed', async () => {
    await withEmulator({ dropRate: 0.5, seed: 7 }, async (server) => {
      const runOnce = async () => {
        const outcomes = [];
        for (let i = 0; i < 8; i += 1) {
          const item = {
            id: '1',
            method: 'GET',
            url: '/identityGovernance/entitlementManagement/catalogs',
          };
          outcomes.push(
            await batch([item], server).then(
              (r) => r.status,
              () => 'dropped',
            ),
          );
        }
        return outcomes;
      };
      const first = await runOnce();
      server.reset();
      const second = await runOnce();
      assert.deepEqual(second, first);
      assert.ok(first.includes('dropped'), first.join());
      assert.ok(first.includes(200), first.join());
    });
  });
});

describe('test hooks', () => {
  test('state lists packages with catalogId', async () => {
    const created = await (await createV1('hooked', FIELD)).json();
    const response = await fetch(`${emulator.apiUrl}/_emulator/state`);
    assert.equal(response.status, 200);
    const state = await response.json();
    assert.equal(state.creates, 1);
    assert.equal(state.packages.length, 1);
    assert.equal(state.packages[0].id, created.id);
    assert.equal(state.packages[0].catalogId, FIELD);
    assert.deepEqual(emulator.state(), state);
    assert.deepEqual(emulator.store.state(), { packages: state.packages, creates: 1 });
  });

  test('reset hook restores the seed', async () => {
    assert.equal((await createV1('to be removed')).status, 201);
    const response = await fetch(`${emulator.apiUrl}/_emulator/reset`, { method: 'POST' });
    assert.equal(response.status, 200);
    const state = await response.json();
    assert.deepEqual(state.packages, []);
    assert.equal(state.creates, 0);
    assert.ok(Object.values(state.counters).every((count) => count === 0), state.counters);
    assert.deepEqual(emulator.store.state(), { packages: [], creates: 0 });
    assert.equal((await createV1('to be removed')).status, 201);
  });

  test('hooks check the method', async () => {
    const response = await fetch(`${emulator.apiUrl}/_emulator/reset`);
    assert.equal(response.status, 405);
    const unknown = await fetch(`${emulator.apiUrl}/_emulator/nothing`);
    assert.equal(unknown.status, 404);
  });
});

describe('static files', () => {
  const SECRET = 'content outside the served directories';
  let root;
  let site;

  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'emulator-static-'));
    await mkdir(path.join(root, 'www', 'sub'), { recursive: true });
    await mkdir(path.join(root, 'pkg'));
    await writeFile(path.join(root, 'www', 'index.html'), '<!doctype html><title>page</title>');
    await writeFile(path.join(root, 'www', 'app.mjs'), 'export {};');
    await writeFile(path.join(root, 'www', 'lib.js'), 'void 0;');
    await writeFile(path.join(root, 'www', 'style.css'), 'body {}');
    await writeFile(path.join(root, 'www', 'sub', 'index.html'), 'sub page');
    await writeFile(path.join(root, 'www', '.hidden'), 'hidden');
    await writeFile(
      path.join(root, 'pkg', 'module_bg.wasm'),
      Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]),
    );
    await writeFile(path.join(root, 'pkg', 'index.js'), 'export {};');
    await writeFile(path.join(root, 'secret.txt'), SECRET);
    await symlink(path.join(root, 'secret.txt'), path.join(root, 'www', 'link.txt'));
    site = await startEmulator({ port: 0, apiPort: 0, quiet: true, rootDir: root });
  });

  after(async () => {
    await site.close();
    await rm(root, { recursive: true, force: true });
  });

  test('files have content types', async () => {
    const cases = [
      ['/', 'text/html; charset=utf-8'],
      ['/index.html', 'text/html; charset=utf-8'],
      ['/app.mjs', 'text/javascript; charset=utf-8'],
      ['/lib.js', 'text/javascript; charset=utf-8'],
      ['/style.css', 'text/css; charset=utf-8'],
      ['/sub/', 'text/html; charset=utf-8'],
      ['/pkg/module_bg.wasm', 'application/wasm'],
      ['/pkg/index.js', 'text/javascript; charset=utf-8'],
    ];
    for (const [urlPath, type] of cases) {
      const response = await fetch(`${site.webUrl}${urlPath}`);
      assert.equal(response.status, 200, urlPath);
      assert.equal(response.headers.get('content-type'), type, urlPath);
      assert.equal(response.headers.get('cache-control'), 'no-store', urlPath);
      await response.arrayBuffer();
    }
  });

  test('wasm bytes are served unchanged', async () => {
    const bytes = new Uint8Array(
      await (await fetch(`${site.webUrl}/pkg/module_bg.wasm`)).arrayBuffer(),
    );
    assert.deepEqual([...bytes], [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  });

  test('config names the API origin', async () => {
    const response = await fetch(`${site.webUrl}/config.json`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await response.json(), { apiBaseUrl: site.apiUrl });
    assert.notEqual(new URL(site.apiUrl).origin, new URL(site.webUrl).origin);
  });

  test('traversal attempts are rejected', async () => {
    const cases = [
      ['/../secret.txt', 404],
      ['/%2e%2e/secret.txt', 404],
      ['/%2E%2E%2Fsecret.txt', 404],
      ['/sub/%2e%2e/%2e%2e/secret.txt', 404],
      ['/pkg/..%2f..%2fsecret.txt', 404],
      ['/..%5csecret.txt', 404],
      ['/link.txt', 404],
      ['/.hidden', 404],
      ['/%00', 400],
      ['/index.html%00.js', 400],
      ['/%E0%A4%A', 400],
    ];
    for (const [rawPath, status] of cases) {
      const response = await rawGet(site.webUrl, rawPath);
      assert.equal(response.status, status, rawPath);
      assert.equal(response.body.includes(SECRET), false, rawPath);
    }
  });

  test('missing files return 404', async () => {
    for (const urlPath of ['/missing.js', '/pkg/missing.wasm', '/sub/missing/']) {
      const response = await fetch(`${site.webUrl}${urlPath}`);
      assert.equal(response.status, 404, urlPath);
      await response.arrayBuffer();
    }
  });

  test('missing pkg directory returns 404', async () => {
    const bare = await mkdtemp(path.join(os.tmpdir(), 'emulator-bare-'));
    await mkdir(path.join(bare, 'www'));
    try {
      await withEmulator({ rootDir: bare }, async (server) => {
        const response = await fetch(`${server.webUrl}/pkg/index.js`);
        assert.equal(response.status, 404);
      });
    } finally {
      await rm(bare, { recursive: true, force: true });
    }
  });

  test('only GET and HEAD are allowed', async () => {
    const head = await fetch(`${site.webUrl}/index.html`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
    const post = await fetch(`${site.webUrl}/index.html`, { method: 'POST' });
    assert.equal(post.status, 405);
  });
});

describe('settings', () => {
  test('bad options are rejected', async () => {
    const cases = [
      { ratee: 1 },
      { rate: -1 },
      { dropRate: 2 },
      { dropRate: 0.6, failRate: 0.6 },
      { pageSize: 0 },
      { host: '0.0.0.0' },
      { port: 70000 },
      { quiet: 'yes' },
    ];
    for (const options of cases) {
      await assert.rejects(
        startEmulator({ port: 0, apiPort: 0, quiet: true, ...options }),
        { name: 'SettingsError' },
        JSON.stringify(options),
      );
    }
  });

  test('flags win over environment', () => {
    const parsed = parseCommandLine(
      ['--rate', '5', '--hide-retry-after', '--page-size=3', '--quiet'],
      {
        EMULATOR_RATE: '2',
        EMULATOR_PORT: '0',
        EMULATOR_LIST_LAG_MS: '250',
      },
    );
    assert.deepEqual(parsed.options, {
      rate: 5,
      port: 0,
      listLagMs: 250,
      exposeRetryAfter: false,
      pageSize: 3,
      quiet: true,
    });
  });

  test('bad flags are rejected', () => {
    assert.throws(() => parseCommandLine(['--port']), { name: 'SettingsError' });
    assert.throws(() => parseCommandLine(['--port', 'eighty']), { name: 'SettingsError' });
    assert.throws(() => parseCommandLine(['--unknown']), { name: 'SettingsError' });
    assert.throws(() => parseCommandLine(['--quiet=1']), { name: 'SettingsError' });
    assert.throws(() => parseCommandLine([], { EMULATOR_QUIET: 'maybe' }), {
      name: 'SettingsError',
    });
    assert.deepEqual(parseCommandLine(['--help']), { help: true });
  });
});

describe('command line', () => {
  test('starts, logs and stops', async () => {
    const child = spawn(process.execPath, [SERVER_PATH, '--port', '0', '--api-port', '0'], {
      env: { ...process.env, EMULATOR_PAGE_SIZE: '3' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8');
    const waitFor = (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) {
            child.stdout.off('data', onData);
            resolve(match);
          }
        };
        const onData = (chunk) => {
          output += chunk;
          check();
        };
        child.stdout.on('data', onData);
        child.once('exit', (code) => reject(new Error(`emulator exited with ${code}: ${output}`)));
        check();
      });
    try {
      await waitFor(/Press Ctrl\+C to stop\./);
      assert.match(output, /page: +http:\/\/127\.0\.0\.1:\d+\//);
      for (const id of [
        SALES,
        FIELD,
        'beeae5b4-5a4e-4d3b-9d3f-2f7a1c6b0e11',
        'c5a9f3e2-7d41-4b8e-a0c6-91e2d3f4b5a7',
        '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6',
      ]) {
        assert.ok(output.includes(id), id);
      }
      assert.ok(output.includes('Sales and Marketing'));
      const apiUrl = /Graph API base: +(http:\/\/\S+)/.exec(output)[1];

      const response = await fetch(`${apiUrl}${V1}/catalogs`, {
        headers: { Authorization: 'Bearer t' },
      });
      assert.equal((await response.json()).value.length, 3);
      const requestId = response.headers.get('request-id');
      await waitFor(
        new RegExp(
          `GET /v1\\.0/identityGovernance/entitlementManagement/catalogs 200 ` +
            `request-id=${requestId}`,
        ),
      );

      const exited = new Promise((resolve) =>
        child.once('exit', (code, signal) => resolve({ code, signal })),
      );
      child.kill('SIGTERM');
      assert.deepEqual(await exited, { code: 0, signal: null });
    } finally {
      child.kill('SIGKILL');
    }
  });
});
