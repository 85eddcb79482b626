// Bearer token checks. The emulator verifies no signature and no audience, so it accepts any
// opaque bearer token. A JWT-shaped token is rejected only when its payload is broken or
// the token is outside its lifetime.

const BEARER = /^bearer(?:\s+(.*))?$/is;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*$/;

/**
 * Checks an Authorization header value at time `nowMs` (milliseconds since the epoch).
 * Returns `{ token }` when the request may proceed, else `{ message }` for a 401
 * `InvalidAuthenticationToken`.
 */
export function checkAuthorization(headerValue, nowMs = Date.now()) {
  if (headerValue === undefined || headerValue.trim() === '') {
    return { message: 'The access token is missing; send Authorization: Bearer <token>.' };
  }

  const match = BEARER.exec(headerValue.trim());
  if (!match) {
    const scheme = headerValue.trim().split(/\s+/)[0];
    return { message: `The Authorization scheme must be Bearer, got '${scheme}'.` };
  }

  const token = (match[1] ?? '').trim();
  if (token === '') {
    return { message: 'The access token is empty; send Authorization: Bearer <token>.' };
  }

  const jwt = JWT_SHAPE.exec(token);
  if (!jwt) {
    return { token };
  }

  const claims = decodePayload(jwt[1]);
  if (claims === undefined) {
    return {
      message:
        'The access token has the shape of a JWT, but its payload is not base64url-encoded JSON.',
    };
  }
  return checkLifetime(claims, nowMs) ?? { token };
}

function decodePayload(encoded) {
  try {
    const claims = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    const isObject = typeof claims === 'object' && claims !== null && !Array.isArray(claims);
    return isObject ? claims : undefined;
  } catch {
    return undefined;
  }
}

// Returns an error for a token outside its `nbf`..`exp` window (seconds since the epoch),
// or undefined when the claims are absent or the token is current.
function checkLifetime(claims, nowMs) {
  const nowSeconds = nowMs / 1000;
  if (claims.exp !== undefined) {
    if (typeof claims.exp !== 'number') {
      return {
        message:
          "The access token's exp claim must be a number of seconds, " +
          `got ${typeof claims.exp}.`,
      };
    }
    if (claims.exp <= nowSeconds) {
      const expiredAt = formatClaimTime(claims.exp);
      return { message: `The access token expired at ${expiredAt}; get a new token.` };
    }
  }
  if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds) {
    const validFrom = formatClaimTime(claims.nbf);
    return { message: `The access token is not valid before ${validFrom}.` };
  }
  return undefined;
}

// Formats a NumericDate claim. A value outside JavaScript's date range is shown as a number.
function formatClaimTime(seconds) {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? `${seconds} seconds after the epoch` : date.toISOString();
}
