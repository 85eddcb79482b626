// Behaviour tests of the mock sign-in authority (emulator/authority.mjs) over real TLS, with
// its self-signed certificate trusted as the only CA, and of how the emulator serves MSAL
// and the sign-in fields of /config.json: node --test tests/node/authority.test.mjs

import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { after, before, describe, test } from 'node:test';

import { parseCommandLine } from '../../emulator/cli.mjs';
import { MOCK_SIGN_IN, startEmulator } from '../../emulator/server.mjs';
import { SettingsError, resolveSettings } from '../../emulator/settings.mjs';

const CLIENT_ID = '5f0c2b7e-8d3a-4e61-b9f4-2a7c1d6e3b80';
const TENANT = 'contoso.onmicrosoft.com';
const REDIRECT_URI = 'http://127.0.0.1:8080/redirect.html';
const ORIGIN = 'http://127.0.0.1:8080';
const GRAPH_SCOPE = 'https://graph.microsoft.com/EntitlementManagement.ReadWrite.All';

let emulator;
let authority;

before(async () => {
  emulator = await startEmulator({
    port: 0,
    apiPort: 0,
    authorityPort: 0,
    quiet: true,
    mockAuthority: true,
  });
  authority = emulator.authority;
});

after(async () => {
  await emulator?.close();
});

// Sends one request to the mock authority, trusting only its certificate.
function send(path, { method = 'GET', headers = {}, form } = {}) {
  const body = form === undefined ? undefined : new URLSearchParams(form).toString();
  const url = new URL(path, authority.url);
  return new Promise((resolve, reject) => {
    const request = https.request(url, { method, headers, ca: authority.certificate }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode, headers: res.headers, text });
      });
    });
    request.on('error', reject);
    if (body !== undefined) {
      request.setHeader('Content-Type', 'application/x-www-form-urlencoded');
    }
    request.end(body);
  });
}

function newPkce() {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

function authorizeQuery(overrides = {}) {
  const pkce = newPkce();
  const query = {
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    response_mode: 'fragment',
    scope: `${GRAPH_SCOPE} openid profile offline_access`,
    state: 'state-1',
    nonce: 'nonce-1',
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
    ...overrides,
  };
  return { query, verifier: pkce.verifier };
}

// Runs the authorize step and returns the parameters of the redirect's fragment.
async function authorize(overrides) {
  const { query, verifier } = authorizeQuery(overrides);
  const response = await send(`/${TENANT}/oauth2/v2.0/authorize?${new URLSearchParams(query)}`);
  assert.equal(response.status, 302, response.text);
  const location = new URL(response.headers.location);
  return { params: new URLSearchParams(location.hash.slice(1)), location, verifier };
}

function redeem(code, verifier, overrides = {}) {
  return send(`/${TENANT}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { Origin: ORIGIN },
    form: {
      grant_type: 'authorization_code',
      client_id: CLIENT_ID,
      code,
      code_verifier: verifier,
      redirect_uri: REDIRECT_URI,
      scope: `${GRAPH_SCOPE} openid profile offline_access`,
      ...overrides,
    },
  });
}

function claimsOf(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}

describe('mock authority metadata', () => {
  test('openid configuration names its endpoints', async () => {
    const response = await send(`/${TENANT}/v2.0/.well-known/openid-configuration`);
    assert.equal(response.status, 200);
    assert.equal(response.headers['access-control-allow-origin'], '*');
    const config = JSON.parse(response.text);
    const base = `${authority.url}/${TENANT}`;
    assert.equal(config.authorization_endpoint, `${base}/oauth2/v2.0/authorize`);
    assert.equal(config.token_endpoint, `${base}/oauth2/v2.0/token`);
    assert.equal(config.jwks_uri, `${base}/discovery/v2.0/keys`);
    assert.match(config.issuer, new RegExp(`^${authority.url}/[0-9a-f-]{36}/v2\\.0$`));
  });

  test('keys endpoint returns one RSA key', async () => {
    const response = await send(`/${TENANT}/discovery/v2.0/keys`);
    const { keys } = JSON.parse(response.text);
    assert.equal(keys.length, 1);
    assert.equal(keys[0].kty, 'RSA');
    assert.equal(keys[0].alg, 'RS256');
    assert.equal(keys[0].d, undefined);
  });

  test('unknown path is 404', async () => {
    const response = await send(`/${TENANT}/oauth2/v2.0/devicecode`);
    assert.equal(response.status, 404);
    assert.equal(JSON.parse(response.text).error, 'not_found');
  });

  test('wrong method is 405 with Allow', async () => {
    const response = await send(`/${TENANT}/oauth2/v2.0/token`);
    assert.equal(response.status, 405);
    assert.equal(response.headers.allow, 'POST');
  });

  test('preflight allows the requested headers', async () => {
    const response = await send(`/${TENANT}/oauth2/v2.0/token`, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Headers': 'content-type' },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers['access-control-allow-headers'], 'content-type');
  });
});

describe('mock authority code flow', () => {
  test('code redeems for Graph and ID tokens', async () => {
    const { params, location, verifier } = await authorize();
    assert.equal(`${location.origin}${location.pathname}`, REDIRECT_URI);
    assert.equal(params.get('state'), 'state-1');
    assert.ok(params.get('client_info'));

    const response = await redeem(params.get('code'), verifier);
    assert.equal(response.status, 200, response.text);
    const body = JSON.parse(response.text);
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.scope, GRAPH_SCOPE);
    assert.ok(body.refresh_token);

    const access = claimsOf(body.access_token);
    assert.equal(access.aud, 'https://graph.microsoft.com');
    assert.equal(access.scp, 'EntitlementManagement.ReadWrite.All');
    assert.equal(access.azp, CLIENT_ID);
    assert.ok(access.exp > Date.now() / 1000);
    const id = claimsOf(body.id_token);
    assert.equal(id.aud, CLIENT_ID);
    assert.equal(id.nonce, 'nonce-1');
    assert.ok(authority.issuedAccessTokens().includes(body.access_token));
  });

  test('query response mode puts the code in the query', async () => {
    const { query } = authorizeQuery({ response_mode: 'query' });
    const response = await send(`/${TENANT}/oauth2/v2.0/authorize?${new URLSearchParams(query)}`);
    const location = new URL(response.headers.location);
    assert.ok(location.searchParams.get('code'));
    assert.equal(location.hash, '');
  });

  test('code is redeemed only once', async () => {
    const { params, verifier } = await authorize();
    assert.equal((await redeem(params.get('code'), verifier)).status, 200);
    const again = await redeem(params.get('code'), verifier);
    assert.equal(again.status, 400);
    assert.equal(JSON.parse(again.text).error, 'invalid_grant');
  });

  test('wrong code verifier is invalid_grant', async () => {
    const { params } = await authorize();
    const response = await redeem(params.get('code'), newPkce().verifier);
    assert.equal(response.status, 400);
    const body = JSON.parse(response.text);
    assert.equal(body.error, 'invalid_grant');
    assert.match(body.error_description, /code_verifier does not match/);
  });

  test('other redirect URI is invalid_grant', async () => {
    const { params, verifier } = await authorize();
    const response = await redeem(params.get('code'), verifier, {
      redirect_uri: 'http://127.0.0.1:8080/other.html',
    });
    assert.equal(response.status, 400);
    assert.match(JSON.parse(response.text).error_description, /redirect_uri must equal/);
  });

  test('token request without Origin is rejected', async () => {
    const { params, verifier } = await authorize();
    const response = await send(`/${TENANT}/oauth2/v2.0/token`, {
      method: 'POST',
      form: {
        grant_type: 'authorization_code',
        client_id: CLIENT_ID,
        code: params.get('code'),
        code_verifier: verifier,
        redirect_uri: REDIRECT_URI,
      },
    });
    assert.equal(response.status, 400);
    assert.match(JSON.parse(response.text).error_description, /cross-origin request/);
  });

  test('refresh token rotates', async () => {
    const { params, verifier } = await authorize();
    const first = JSON.parse((await redeem(params.get('code'), verifier)).text);
    const refresh = (refreshToken) =>
      send(`/${TENANT}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { Origin: ORIGIN },
        form: {
          grant_type: 'refresh_token',
          client_id: CLIENT_ID,
          refresh_token: refreshToken,
          scope: GRAPH_SCOPE,
        },
      });

    const renewed = await refresh(first.refresh_token);
    assert.equal(renewed.status, 200, renewed.text);
    const body = JSON.parse(renewed.text);
    assert.notEqual(body.refresh_token, first.refresh_token);
    assert.equal(claimsOf(body.access_token).aud, 'https://graph.microsoft.com');

    const reused = await refresh(first.refresh_token);
    assert.equal(reused.status, 400);
    assert.equal(JSON.parse(reused.text).error, 'invalid_grant');
  });

  test('unknown grant type is rejected', async () => {
    const response = await send(`/${TENANT}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { Origin: ORIGIN },
      form: { grant_type: 'password', client_id: CLIENT_ID },
    });
    assert.equal(response.status, 400);
    assert.equal(JSON.parse(response.text).error, 'unsupported_grant_type');
  });
});

describe('mock authority authorize errors', () => {
  test('non-loopback redirect URI gets a page', async () => {
    const { query } = authorizeQuery({ redirect_uri: 'https://example.com/redirect.html' });
    const response = await send(`/${TENANT}/oauth2/v2.0/authorize?${new URLSearchParams(query)}`);
    assert.equal(response.status, 400);
    assert.equal(response.headers.location, undefined);
    assert.match(response.text, /loopback host/);
  });

  test('missing client id gets a page', async () => {
    const { query } = authorizeQuery();
    delete query.client_id;
    const response = await send(`/${TENANT}/oauth2/v2.0/authorize?${new URLSearchParams(query)}`);
    assert.equal(response.status, 400);
    assert.equal(response.headers.location, undefined);
  });

  const redirectedErrors = [
    ['no PKCE', { code_challenge: '' }, 'invalid_request'],
    ['plain PKCE', { code_challenge_method: 'plain' }, 'invalid_request'],
    ['token response type', { response_type: 'token' }, 'unsupported_response_type'],
    ['form_post mode', { response_mode: 'form_post' }, 'invalid_request'],
    [
      'two resources',
      { scope: `${GRAPH_SCOPE} https://graph.microsoft.us/User.Read` },
      'invalid_scope',
    ],
  ];
  for (const [name, overrides, error] of redirectedErrors) {
    test(`${name} redirects with ${error}`, async () => {
      const { query } = authorizeQuery(overrides);
      const target = `/${TENANT}/oauth2/v2.0/authorize?${new URLSearchParams(query)}`;
      const response = await send(target);
      assert.equal(response.status, 302);
      const location = new URL(response.headers.location);
      const params =
        overrides.response_mode === 'form_post'
          ? location.searchParams
          : new URLSearchParams(location.hash.slice(1));
      assert.equal(params.get('error'), error);
      assert.equal(params.get('state'), 'state-1');
      assert.equal(params.get('code'), null);
    });
  }
});

describe('emulator sign-in settings', () => {
  test('config.json names the mock authority', async () => {
    const config = await (await fetch(`${emulator.webUrl}/config.json`)).json();
    assert.deepEqual(config, {
      apiBaseUrl: emulator.apiUrl,
      signInClientId: MOCK_SIGN_IN.clientId,
      signInTenant: MOCK_SIGN_IN.tenant,
      loginBaseUrl: authority.url,
    });
  });

  test('CSP allows the mock authority', async () => {
    const response = await fetch(`${emulator.webUrl}/`);
    const policy = response.headers.get('content-security-policy');
    const connectSources = policy
      .split(';')
      .find((directive) => directive.trim().startsWith('connect-src'))
      .trim()
      .split(' ');
    assert.ok(connectSources.includes(authority.url), policy);
  });

  test('config.json without mock has no sign-in fields', async (t) => {
    const plain = await startEmulator({ port: 0, apiPort: 0, quiet: true });
    t.after(() => plain.close());
    const config = await (await fetch(`${plain.webUrl}/config.json`)).json();
    assert.deepEqual(config, { apiBaseUrl: plain.apiUrl });
    assert.equal(plain.authority, undefined);
  });

  test('explicit client id and tenant are served', async (t) => {
    const tenantId = '0b6c3a7e-1f2d-4c5b-9a8e-7d6f5e4c3b2a';
    const configured = await startEmulator({
      port: 0,
      apiPort: 0,
      quiet: true,
      signInClientId: CLIENT_ID,
      signInTenant: tenantId,
    });
    t.after(() => configured.close());
    const config = await (await fetch(`${configured.webUrl}/config.json`)).json();
    assert.equal(config.signInClientId, CLIENT_ID);
    assert.equal(config.signInTenant, tenantId);
    assert.equal(config.loginBaseUrl, undefined);
  });

  test('bad client id is a SettingsError', () => {
    assert.throws(() => resolveSettings({ signInClientId: 'my-app' }), {
      name: 'SettingsError',
      message: 'option signInClientId must be an application (client) id, a GUID, got "my-app"',
    });
  });

  test('flags set the sign-in options', () => {
    const { options } = parseCommandLine([
      '--mock-authority',
      '--authority-port',
      '0',
      '--sign-in-tenant',
      ' contoso.onmicrosoft.com ',
    ]);
    assert.equal(options.mockAuthority, true);
    assert.equal(options.authorityPort, 0);
    assert.equal(options.signInTenant, 'contoso.onmicrosoft.com');
    assert.throws(() => parseCommandLine(['--sign-in-tenant', 'common']), SettingsError);
  });
});

describe('emulator serves MSAL', () => {
  test('browser build is served as JavaScript', async () => {
    const response = await fetch(`${emulator.webUrl}/vendor/msal-browser/msal-browser.min.js`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.match(await response.text(), /@azure\/msal-browser v\d+\.\d+\.\d+/);
  });

  test('redirect bridge is served', async () => {
    const path = '/vendor/msal-browser/redirect-bridge/msal-redirect-bridge.min.js';
    const response = await fetch(`${emulator.webUrl}${path}`);
    assert.equal(response.status, 200);
  });

  const outside = [
    '/vendor/msal-browser/%2e%2e/package.json',
    '/vendor/msal-browser/%2E%2E/%2E%2E/msal-common/package.json',
    '/vendor/msal-browser/..%2fpackage.json',
    '/vendor/msal-browser/',
    '/vendor/msal-common/package.json',
    '/vendor/',
  ];
  for (const target of outside) {
    test(`outside the build is 404: ${target}`, async () => {
      const response = await rawGet(emulator.webUrl, target);
      assert.equal(response, 404);
    });
  }
});

// Sends a GET with the target exactly as written, since fetch would resolve dot segments.
function rawGet(origin, target) {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    http
      .get({ hostname, port, path: target }, (res) => {
        res.resume();
        resolve(res.statusCode);
      })
      .on('error', reject);
  });
}
