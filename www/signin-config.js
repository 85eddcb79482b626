// Sign-in settings of each national cloud, checks of the typed client id and tenant, and
// the MSAL configuration built from them. This module uses neither the DOM nor MSAL.

/**
 * Each cloud's Graph host, whose EntitlementManagement.ReadWrite.All permission the page
 * requests, and its Microsoft Entra sign-in host. Both US Government clouds sign in at the
 * same host.
 */
export const CLOUDS = {
  global: { graphHost: "graph.microsoft.com", loginHost: "login.microsoftonline.com" },
  usGovernment: { graphHost: "graph.microsoft.us", loginHost: "login.microsoftonline.us" },
  usGovernmentDod: { graphHost: "dod-graph.microsoft.us", loginHost: "login.microsoftonline.us" },
  china: { graphHost: "microsoftgraph.chinacloudapi.cn", loginHost: "login.chinacloudapi.cn" },
};

/** The delegated permission that creating an access package needs. */
export const PERMISSION = "EntitlementManagement.ReadWrite.All";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const LOOPBACK_HOST = /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])$/i;

/** Returns the scope that requests the permission for `cloud`'s Graph. */
export function scopeFor(cloud) {
  return `https://${CLOUDS[cloud].graphHost}/${PERMISSION}`;
}

/** Returns a problem message for the application (client) id, or undefined when it is a GUID. */
export function checkClientId(text) {
  if (text === "") {
    return "Enter the application (client) ID of the app registration.";
  }
  return GUID.test(text)
    ? undefined
    : `The application (client) ID must be a GUID like 8-4-4-4-12 hex digits, got "${text}".`;
}

/**
 * Returns a problem message for the tenant, or undefined when it is a tenant id (a GUID) or
 * a domain such as contoso.onmicrosoft.com. Multi-tenant names such as "common" are
 * rejected, because an access package belongs to one tenant.
 */
export function checkTenant(text) {
  if (text === "") {
    return "Enter the tenant ID or a domain of the tenant, such as contoso.onmicrosoft.com.";
  }
  return GUID.test(text) || DOMAIN.test(text)
    ? undefined
    : `The tenant must be a tenant ID (a GUID) or a domain such as contoso.onmicrosoft.com, got "${text}".`;
}

/**
 * Returns `value` as an origin when it is an https URL on a loopback host, else undefined.
 * Only such a URL may replace the cloud's sign-in host, so that a configuration file cannot
 * send the sign-in anywhere but a local mock.
 */
export function loopbackLoginOrigin(value) {
  if (typeof value !== "string" || !URL.canParse(value)) {
    return undefined;
  }
  const url = new URL(value);
  return url.protocol === "https:" && LOOPBACK_HOST.test(url.hostname) ? url.origin : undefined;
}

/**
 * Builds the configuration of MSAL's PublicClientApplication. The token cache is kept in
 * memory only. With `loginOrigin` (from loopbackLoginOrigin) the authority is that origin
 * instead of the cloud's sign-in host, and it is listed as a known authority, so that MSAL
 * takes its endpoints from that origin's OpenID configuration and sends no request about it
 * to a Microsoft host.
 */
export function buildMsalConfiguration({ clientId, tenant, cloud, loginOrigin, redirectUri }) {
  const origin = loginOrigin ?? `https://${CLOUDS[cloud].loginHost}`;
  const auth = {
    clientId,
    authority: `${origin}/${tenant}`,
    redirectUri,
  };
  if (loginOrigin !== undefined) {
    auth.knownAuthorities = [new URL(loginOrigin).host];
  }
  return {
    auth,
    cache: { cacheLocation: "memoryStorage" },
  };
}
