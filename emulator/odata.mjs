// The OData query options the emulator supports: `$filter` with `eq` on a string property,
// `$top`, `$expand` and server-driven paging through `$skiptoken` and `@odata.nextLink`.

/** A malformed or unsupported query option, which Graph rejects with 400 `BadRequest`. */
export class QueryError extends Error {
  name = 'QueryError';
}

const FILTER = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s+eq\s+'((?:[^']|'')*)'\s*$/i;

/**
 * Parses a `$filter` of the form `property eq 'literal'`, where `''` inside the literal is
 * an escaped quote. `properties` lists the names allowed, matched case-insensitively.
 * Returns `{ property, value }` with the property's declared spelling.
 *
 * NOTE: Graph supports more (`and`, `startswith`, `in`), but here anything else raises
 * QueryError.
 */
export function parseFilter(text, properties) {
  const match = FILTER.exec(text);
  if (!match) {
    throw new QueryError(
      `Invalid filter clause '${text}'. The emulator supports only property eq 'value', ` +
        `with a single quote inside the value doubled, for example displayName eq 'O''Brien'.`,
    );
  }
  const property = properties.find((name) => name.toLowerCase() === match[1].toLowerCase());
  if (property === undefined) {
    throw new QueryError(
      `Filtering on '${match[1]}' is not supported; use one of ${properties.join(', ')}.`,
    );
  }
  return { property, value: match[2].replaceAll("''", "'") };
}

/** Returns whether an entity matches a parsed filter; strings compare case-insensitively. */
export function matchesFilter(entity, filter) {
  const actual = entity[filter.property];
  return typeof actual === 'string' && actual.toLowerCase() === filter.value.toLowerCase();
}

/** Parses `$top` as a non-negative integer, or returns undefined when it is absent. */
export function parseTop(text) {
  if (text === null) {
    return undefined;
  }
  if (!/^\d+$/.test(text.trim())) {
    throw new QueryError(`Invalid value '${text}' for $top; it must be a non-negative integer.`);
  }
  return Number(text.trim());
}

/** Parses `$expand` into a list of navigation property names; only `allowed` may appear. */
export function parseExpand(text, allowed, typeName) {
  if (text === null) {
    return [];
  }
  return text.split(',').map((part) => {
    const name = part.trim();
    const known = allowed.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    if (known === undefined) {
      throw new QueryError(
        `Could not expand '${name}' on type '${typeName}'; ` +
          `the emulator can expand ${allowed.length ? allowed.join(', ') : 'nothing here'}.`,
      );
    }
    return known;
  });
}

/** Returns the opaque `$skiptoken` that resumes a listing at `offset`. */
export function encodeSkipToken(offset) {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

/** Returns the offset of a `$skiptoken`, or 0 when it is absent. */
export function decodeSkipToken(text) {
  if (text === null) {
    return 0;
  }
  try {
    const { offset } = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Number.isSafeInteger(offset) && offset >= 0) {
      return offset;
    }
  } catch {
    // Falls through to the error below.
  }
  throw new QueryError(
    `Invalid $skiptoken '${text}'; follow @odata.nextLink exactly as it was returned.`,
  );
}

/**
 * Cuts one page out of `items`. The page size is `$top` when given, capped at `pageSize`,
 * as Graph treats `$top` as a page size. Returns `{ value, nextOffset }`, where
 * `nextOffset` is undefined on the last page.
 */
export function pageOf(items, { offset, top, pageSize }) {
  const size = Math.min(top ?? pageSize, pageSize);
  const value = items.slice(offset, offset + size);
  const nextOffset = offset + size;
  return { value, nextOffset: size > 0 && nextOffset < items.length ? nextOffset : undefined };
}

/**
 * Builds an absolute `@odata.nextLink`: the request's URL with `$skiptoken` replaced.
 * Values are percent-encoded with `%20` for spaces.
 */
export function nextLink(apiUrl, version, path, query, nextOffset) {
  const parts = [];
  for (const [key, value] of query) {
    if (key !== '$skiptoken') {
      // Keeps the `$` of `$filter` readable, since URLSearchParams decodes either spelling.
      const name = encodeURIComponent(key).replace(/^%24/, '$');
      parts.push(`${name}=${encodeURIComponent(value)}`);
    }
  }
  parts.push(`$skiptoken=${encodeSkipToken(nextOffset)}`);
  return `${apiUrl}/${version}/${path}?${parts.join('&')}`;
}
