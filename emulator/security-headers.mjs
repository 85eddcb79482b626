// The security headers of the web listener. The Content-Security-Policy lets the page run
// only its own scripts and wasm, and connect only to its own origin, the Graph and sign-in
// hosts of the four national clouds and the local origins that the emulator serves.

/** Microsoft Graph's origin in each national cloud: global, US Gov L4, US Gov L5 (DoD), China. */
export const GRAPH_ORIGINS = [
  'https://graph.microsoft.com',
  'https://graph.microsoft.us',
  'https://dod-graph.microsoft.us',
  'https://microsoftgraph.chinacloudapi.cn',
];

/**
 * The Microsoft Entra sign-in origin of each national cloud: global, both US Government
 * clouds (which share one), and China.
 */
export const SIGN_IN_ORIGINS = [
  'https://login.microsoftonline.com',
  'https://login.microsoftonline.us',
  'https://login.chinacloudapi.cn',
];

/**
 * Builds the Content-Security-Policy. `localOrigins` are the other origins that the page
 * may connect to, such as the emulator's API listener (`http://127.0.0.1:8081`).
 *
 * 'wasm-unsafe-eval' lets the page compile the validator's WebAssembly without allowing
 * JavaScript eval. Nothing may frame the page, and no form may submit anywhere, because the
 * page sends with fetch.
 */
export function contentSecurityPolicy(localOrigins) {
  const localSources = localOrigins.map(toSourceExpression);
  const connectSources = ["'self'", ...localSources, ...GRAPH_ORIGINS, ...SIGN_IN_ORIGINS];
  const directives = [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${[...new Set(connectSources)].join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ];
  return directives.join('; ');
}

/** Returns the headers that every response of the web listener carries. */
export function securityHeaders(localOrigins) {
  return {
    'Content-Security-Policy': contentSecurityPolicy(localOrigins),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/**
 * Returns an origin as a CSP source expression. CSP's grammar has no IPv6 literals, and
 * Chromium ignores `http://[::1]:8081`, so an IPv6 origin becomes `http://*:8081`: any host
 * on that scheme and port, which is wider but still needs that port.
 */
function toSourceExpression(origin) {
  const url = new URL(origin);
  if (!url.hostname.startsWith('[')) {
    return url.origin;
  }
  const port = url.port === '' ? '' : `:${url.port}`;
  return `${url.protocol}//*${port}`;
}
