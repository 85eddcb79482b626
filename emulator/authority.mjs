// A mock of the Microsoft identity platform's v2.0 endpoints, enough for MSAL's
// authorization code flow with PKCE, served over TLS on loopback so that the page's sign-in
// can be tested without a tenant. It signs in one fixed user without asking for anything.

import https from 'node:https';

import {
  MAX_FORM_BYTES,
  json,
  oauthError,
  oauthErrorResponse,
  readForm,
  redirectTo,
  sendJson,
  sendOAuthError,
  sendPreflight,
  sendResponse,
  text,
} from './authority-http.mjs';
import {
  clientInfo,
  createSigningKey,
  issueTokens,
  newOpaqueValue,
  splitScopes,
  tenantIdFor,
  verifiesChallenge,
} from './authority-tokens.mjs';
import { createSelfSignedCertificate } from './certificate.mjs';

/** How long an authorization code can be redeemed, in milliseconds. */
const CODE_LIFETIME_MS = 10 * 60 * 1000;

/** How long a refresh token can be redeemed, in milliseconds: 24 hours. */
const REFRESH_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

const TENANT_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;
const LOOPBACK_HOST = /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])$/i;

/**
 * Starts the mock authority on `host` (a loopback address) and `port` (0 picks a free
 * port) with a certificate made for this run. Resolves to `{ url, certificate, close,
 * issuedAccessTokens }`, where `url` is the https origin without a trailing slash and
 * `issuedAccessTokens()` returns every access token issued so far, for tests.
 */
export async function startMockAuthority({ host = '127.0.0.1', port = 0, log = () => {} } = {}) {
  const certificate = await createSelfSignedCertificate();
  const state = {
    origin: undefined,
    key: createSigningKey(),
    codes: new Map(),
    refreshTokens: new Map(),
    issued: [],
    log,
  };

  const server = https.createServer(certificate, (req, res) => {
    serve(req, res, state).catch((error) => {
      log(`mock authority: ${req.method} ${pathOf(req.url)} failed: ${error.stack ?? error}`);
      if (!res.headersSent) {
        sendJson(res, 500, { error: 'server_error', error_description: error.message });
      } else {
        res.destroy();
      }
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const hostPart = host.includes(':') ? `[${host}]` : host;
  state.origin = `https://${hostPart}:${server.address().port}`;
  let closing;
  return {
    url: state.origin,
    certificate: certificate.cert,
    issuedAccessTokens: () => [...state.issued],
    close() {
      closing ??= new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

async function serve(req, res, state) {
  const url = new URL(req.url, state.origin);
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  const [tenant, ...rest] = segments;
  const endpoint = rest.join('/').toLowerCase();
  const reply = (status, respond) => {
    respond();
    state.log(`mock authority: ${req.method} ${url.pathname} ${status}`);
  };

  if (req.method === 'OPTIONS') {
    req.resume();
    reply(204, () => sendPreflight(req, res));
    return;
  }
  if (tenant === undefined || !TENANT_SEGMENT.test(tenant)) {
    const message = `the path must start with a tenant id or domain, got '${url.pathname}'`;
    reply(404, () => sendOAuthError(res, 404, 'invalid_tenant', message));
    return;
  }

  const handler = ROUTES[endpoint];
  if (handler === undefined) {
    reply(404, () => sendOAuthError(res, 404, 'not_found', `no endpoint at '${url.pathname}'`));
    return;
  }
  if (req.method !== handler.method) {
    const message = `${req.method} is not allowed on '${url.pathname}'; use ${handler.method}`;
    const allow = { Allow: handler.method };
    reply(405, () => sendOAuthError(res, 405, 'invalid_request', message, allow));
    return;
  }
  const body = req.method === 'POST' ? await readForm(req) : undefined;
  const response = handler.run({ req, url, tenant, body, state });
  reply(response.status, () => sendResponse(res, response));
}

const ROUTES = {
  'v2.0/.well-known/openid-configuration': { method: 'GET', run: openIdConfiguration },
  'discovery/v2.0/keys': { method: 'GET', run: signingKeys },
  'oauth2/v2.0/authorize': { method: 'GET', run: authorize },
  'oauth2/v2.0/token': { method: 'POST', run: token },
};

function signingKeys({ state }) {
  return json(200, { keys: [state.key.jwk] });
}

function openIdConfiguration({ tenant, state }) {
  const base = `${state.origin}/${tenant}`;
  return json(200, {
    issuer: `${state.origin}/${tenantIdFor(tenant)}/v2.0`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    token_endpoint: `${base}/oauth2/v2.0/token`,
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_types_supported: ['code'],
    response_modes_supported: ['query', 'fragment'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['none'],
    code_challenge_methods_supported: ['S256'],
  });
}

// Redirects the browser back to the client with a code, or with an OAuth error. A missing
// client id or an unusable redirect URI gets a 400 page instead, never a redirect.
function authorize({ url, tenant, state }) {
  const query = url.searchParams;
  const clientId = query.get('client_id');
  const redirectUri = query.get('redirect_uri');
  if (!clientId) {
    return text(400, 'The request has no client_id.');
  }
  const redirectProblem = checkRedirectUri(redirectUri);
  if (redirectProblem !== undefined) {
    return text(400, redirectProblem);
  }

  const responseMode = query.get('response_mode') ?? 'query';
  const answer = (params) => redirectTo(redirectUri, responseMode, {
    ...params,
    state: query.get('state') ?? undefined,
  });
  if (!['query', 'fragment'].includes(responseMode)) {
    const message = `response_mode '${responseMode}' is not supported; use query or fragment`;
    return answer(oauthError('invalid_request', message));
  }
  if (query.get('response_type') !== 'code') {
    return answer(oauthError('unsupported_response_type', "response_type must be 'code'"));
  }
  if (!query.get('code_challenge') || query.get('code_challenge_method') !== 'S256') {
    const message = 'PKCE is required: send code_challenge with code_challenge_method S256';
    return answer(oauthError('invalid_request', message));
  }
  const scopes = splitScopes(query.get('scope'));
  if (scopes.message !== undefined) {
    return answer(oauthError('invalid_scope', scopes.message));
  }

  const code = newOpaqueValue();
  state.codes.set(code, {
    clientId,
    tenant,
    redirectUri,
    scopes,
    nonce: query.get('nonce') ?? undefined,
    challenge: query.get('code_challenge'),
    expiresAtMs: Date.now() + CODE_LIFETIME_MS,
  });
  return answer({ code, client_info: clientInfo(tenantIdFor(tenant)) });
}

function token({ req, tenant, body, state }) {
  // Tokens are issued to a single-page application, so only a cross-origin request from a
  // browser page (one with an Origin header) may redeem a code or a refresh token.
  if (req.headers.origin === undefined) {
    const message =
      'tokens for a single-page application can only be redeemed by a cross-origin request ' +
      'from the browser';
    return oauthErrorResponse(400, 'invalid_request', message);
  }
  if (body.tooLarge) {
    const message = `the form is larger than ${MAX_FORM_BYTES} bytes`;
    return oauthErrorResponse(400, 'invalid_request', message);
  }

  const form = body.form;
  const grantType = form.get('grant_type');
  let grant;
  if (grantType === 'authorization_code') {
    grant = redeemCode(form, tenant, state);
  } else if (grantType === 'refresh_token') {
    grant = redeemRefreshToken(form, tenant, state);
  } else {
    const message =
      `grant_type '${grantType ?? ''}' is not supported; ` +
      'use authorization_code or refresh_token';
    return oauthErrorResponse(400, 'unsupported_grant_type', message);
  }
  if (grant.error !== undefined) {
    return grant.error;
  }

  const tokens = issueTokens(grant, { issuerOrigin: state.origin, key: state.key });
  const refreshToken = newOpaqueValue();
  const expiresAtMs = Date.now() + REFRESH_TOKEN_LIFETIME_MS;
  state.refreshTokens.set(refreshToken, { ...grant, expiresAtMs });
  state.issued.push(tokens.access_token);
  return json(200, {
    ...tokens,
    refresh_token: refreshToken,
    refresh_token_expires_in: REFRESH_TOKEN_LIFETIME_MS / 1000,
  });
}

// Returns the grant of a valid code, which is then spent, or `{ error }`.
function redeemCode(form, tenant, state) {
  const code = form.get('code') ?? '';
  const saved = state.codes.get(code);
  state.codes.delete(code);
  const invalid = (message) => ({ error: oauthErrorResponse(400, 'invalid_grant', message) });
  if (saved === undefined || saved.expiresAtMs < Date.now()) {
    return invalid('the authorization code is unknown, expired or already redeemed');
  }
  if (saved.tenant !== tenant || saved.clientId !== form.get('client_id')) {
    return invalid('the authorization code was issued to another client or tenant');
  }
  if (saved.redirectUri !== form.get('redirect_uri')) {
    return invalid('redirect_uri must equal the one sent to the authorize endpoint');
  }
  if (!verifiesChallenge(form.get('code_verifier'), saved.challenge)) {
    return invalid('the code_verifier does not match the code_challenge of the authorize request');
  }
  return { clientId: saved.clientId, tenant, scopes: saved.scopes, nonce: saved.nonce };
}

// Returns the grant of a valid refresh token, which is then spent (refresh tokens rotate),
// or `{ error }`. Requested scopes of the same resource replace the original ones.
function redeemRefreshToken(form, tenant, state) {
  const refreshToken = form.get('refresh_token') ?? '';
  const saved = state.refreshTokens.get(refreshToken);
  state.refreshTokens.delete(refreshToken);
  const usable =
    saved !== undefined &&
    saved.expiresAtMs >= Date.now() &&
    saved.clientId === form.get('client_id') &&
    saved.tenant === tenant;
  if (!usable) {
    const message =
      'the refresh token is unknown, expired, already redeemed or for another client';
    return { error: oauthErrorResponse(400, 'invalid_grant', message) };
  }
  const requested = splitScopes(form.get('scope'));
  if (requested.message !== undefined) {
    return { error: oauthErrorResponse(400, 'invalid_scope', requested.message) };
  }
  const scopes = requested.resource === undefined ? saved.scopes : requested;
  return { clientId: saved.clientId, tenant, scopes, nonce: undefined };
}

// Returns why `value` cannot be a redirect URI here, or undefined. Only loopback http(s)
// URIs are accepted, so that the mock cannot send a browser anywhere else.
function checkRedirectUri(value) {
  if (!value || !URL.canParse(value)) {
    return 'The request has no redirect_uri, or it is not an absolute URL.';
  }
  const url = new URL(value);
  const allowed =
    ['http:', 'https:'].includes(url.protocol) &&
    LOOPBACK_HOST.test(url.hostname) &&
    url.hash === '';
  if (!allowed) {
    return (
      `The redirect_uri '${value}' must be an http or https URL on a loopback host, ` +
      'without a fragment.'
    );
  }
  return undefined;
}

function pathOf(target) {
  return target.split('?', 1)[0];
}
