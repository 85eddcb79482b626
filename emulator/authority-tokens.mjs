// Tokens of the mock sign-in authority: RS256-signed JWTs shaped like those of the
// Microsoft identity platform, the PKCE check, and the scope split between OpenID Connect
// scopes and one resource's permissions.

import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign } from 'node:crypto';

import { ADMIN_UPN } from './store.mjs';

/** Microsoft Graph's application id, the audience of a token requested with only OIDC scopes. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** The tenant id used when the authority's path names a domain rather than a tenant GUID. */
export const MOCK_TENANT_ID = 'b7f3c2d1-5e4a-4f6b-8c9d-0a1b2c3d4e5f';

/** The signed-in user's object id; the user principal name is the emulator's ADMIN_UPN. */
export const MOCK_USER_ID = '4c1a9a4e-7b0e-4a5c-9f0e-2d6b8a1c3e5f';

/** Lifetime of an access token and of an ID token, in seconds. */
export const TOKEN_LIFETIME_SECONDS = 3600;

const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Creates the RSA key that signs every token of one authority, with its public half as a JWK. */
export function createSigningKey() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(12).toString('base64url');
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };
  return { privateKey, kid, jwk };
}

/** Returns the tenant id for an authority path segment: a GUID as is, else MOCK_TENANT_ID. */
export function tenantIdFor(tenant) {
  return GUID.test(tenant) ? tenant.toLowerCase() : MOCK_TENANT_ID;
}

/**
 * Splits a space-separated `scope` parameter into OIDC scopes and resource permissions.
 * Returns `{ oidc, resource, permissions }`, where `resource` is the origin that the
 * permissions belong to (such as `https://graph.microsoft.com`), or `{ message }` when the
 * scopes name more than one resource, which the platform rejects too.
 */
export function splitScopes(scopeText) {
  const scopes = (scopeText ?? '').split(' ').filter((scope) => scope !== '');
  const oidc = scopes.filter((scope) => OIDC_SCOPES.has(scope));
  const resources = new Set();
  const permissions = [];
  for (const scope of scopes.filter((name) => !OIDC_SCOPES.has(name))) {
    const url = URL.canParse(scope) ? new URL(scope) : undefined;
    if (url === undefined || url.pathname.length < 2) {
      return { message: `the scope '${scope}' must be a resource URL and a permission name` };
    }
    resources.add(url.origin);
    const name = url.pathname.slice(1);
    if (name !== '.default') {
      permissions.push(name);
    }
  }
  if (resources.size > 1) {
    return { message: `the scopes name ${resources.size} resources; request one at a time` };
  }
  return { oidc, resource: [...resources][0], permissions };
}

/** Returns true when `verifier` hashes with SHA-256 to the base64url `challenge` (RFC 7636). */
export function verifiesChallenge(verifier, challenge) {
  if (typeof verifier !== 'string' || !/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) {
    return false;
  }
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}

/**
 * Issues the tokens of a successful grant. `grant` is `{ clientId, tenant, scopes, nonce }`
 * with `scopes` from splitScopes. Returns the token endpoint's JSON body, less the refresh
 * token, which the caller adds.
 */
export function issueTokens(grant, { issuerOrigin, key, nowSeconds }) {
  nowSeconds ??= Math.floor(Date.now() / 1000);
  const tenantId = tenantIdFor(grant.tenant);
  const common = {
    iss: `${issuerOrigin}/${tenantId}/v2.0`,
    iat: nowSeconds,
    nbf: nowSeconds,
    exp: nowSeconds + TOKEN_LIFETIME_SECONDS,
    tid: tenantId,
    oid: MOCK_USER_ID,
    name: 'Contoso Admin',
    preferred_username: ADMIN_UPN,
    ver: '2.0',
  };
  const { oidc, resource, permissions } = grant.scopes;
  const accessClaims = {
    ...common,
    aud: resource ?? GRAPH_APP_ID,
    azp: grant.clientId,
    scp: (resource === undefined ? oidc : permissions).join(' '),
    sub: MOCK_USER_ID,
    upn: ADMIN_UPN,
    uti: randomBytes(16).toString('base64url'),
  };
  const grantedScopes =
    resource === undefined ? oidc : permissions.map((name) => `${resource}/${name}`);

  const body = {
    token_type: 'Bearer',
    scope: grantedScopes.join(' '),
    expires_in: TOKEN_LIFETIME_SECONDS,
    ext_expires_in: TOKEN_LIFETIME_SECONDS,
    access_token: signJwt(accessClaims, key),
    client_info: clientInfo(tenantId),
  };
  if (oidc.includes('openid')) {
    const idClaims = { ...common, aud: grant.clientId, sub: MOCK_USER_ID, nonce: grant.nonce };
    body.id_token = signJwt(idClaims, key);
  }
  return body;
}

/** Returns the base64url `client_info` that carries the user's and tenant's ids. */
export function clientInfo(tenantId) {
  return Buffer.from(JSON.stringify({ uid: MOCK_USER_ID, utid: tenantId })).toString('base64url');
}

/** Returns an opaque one-time value for an authorization code or a refresh token. */
export function newOpaqueValue() {
  return `${randomUUID()}.${randomBytes(24).toString('base64url')}`;
}

function signJwt(claims, key) {
  const header = { typ: 'JWT', alg: 'RS256', kid: key.kid };
  const encode = (part) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const signingInput = `${encode(header)}.${encode(claims)}`;
  const signature = sign('sha256', Buffer.from(signingInput), key.privateKey);
  return `${signingInput}.${signature.toString('base64url')}`;
}
