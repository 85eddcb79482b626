// The emulator's settings: one table that drives the option checks of startEmulator(),
// and through cli.mjs the command-line flags, environment variables and --help text.

/** An invalid flag, environment variable or option value. */
export class SettingsError extends Error {
  name = 'SettingsError';
}

const LOOPBACK_HOSTS = ['localhost', '::1'];

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TENANT_PATTERN =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?:[a-z0-9-]+\.)+[a-z]{2,63})$/i;

/**
 * Every setting. `type` is one of host, port, integer, number, fraction, boolean or text;
 * a text setting's value must match its `pattern`, described by `expected`.
 * `inverted` marks a flag that sets the option to false.
 */
export const SETTINGS = [
  {
    name: 'host',
    flag: '--host',
    env: 'EMULATOR_HOST',
    type: 'host',
    value: 'ADDRESS',
    default: '127.0.0.1',
    help: 'loopback address that both listeners bind to (127.0.0.1, ::1 or localhost)',
  },
  {
    name: 'port',
    flag: '--port',
    env: 'EMULATOR_PORT',
    type: 'port',
    value: 'PORT',
    default: 8080,
    help: 'port of the web listener that serves www/, pkg/ and /config.json; 0 picks a free port',
  },
  {
    name: 'apiPort',
    flag: '--api-port',
    env: 'EMULATOR_API_PORT',
    type: 'port',
    value: 'PORT',
    default: 8081,
    help: 'port of the Graph API listener; 0 picks a free port',
  },
  {
    name: 'quiet',
    flag: '--quiet',
    env: 'EMULATOR_QUIET',
    type: 'boolean',
    default: false,
    help: 'do not log one line per API request',
  },
  {
    name: 'rate',
    flag: '--rate',
    env: 'EMULATOR_RATE',
    type: 'number',
    value: 'N',
    default: 0,
    help:
      'requests per second allowed per access token, each batch item ' +
      'counting as one; 0 turns throttling off',
  },
  {
    name: 'burst',
    flag: '--burst',
    env: 'EMULATOR_BURST',
    type: 'integer',
    min: 1,
    value: 'N',
    default: undefined,
    help:
      'requests a token may make at once before --rate applies (default: ' +
      '--rate rounded up, at least 1)',
  },
  {
    name: 'latencyMs',
    flag: '--latency-ms',
    env: 'EMULATOR_LATENCY_MS',
    type: 'integer',
    min: 0,
    value: 'MS',
    default: 0,
    help: 'delay in milliseconds before each Graph response',
  },
  {
    name: 'listLagMs',
    flag: '--list-lag-ms',
    env: 'EMULATOR_LIST_LAG_MS',
    type: 'integer',
    min: 0,
    value: 'MS',
    default: 0,
    help:
      'milliseconds during which a new package is missing from list and ' +
      '$filter results (GET by id sees it at once)',
  },
  {
    name: 'dropRate',
    flag: '--drop-rate',
    env: 'EMULATOR_DROP_RATE',
    type: 'fraction',
    value: 'P',
    default: 0,
    help:
      'share (0 to 1) of $batch responses dropped by closing the connection ' +
      'after the items are stored',
  },
  {
    name: 'failRate',
    flag: '--fail-rate',
    env: 'EMULATOR_FAIL_RATE',
    type: 'fraction',
    value: 'P',
    default: 0,
    help:
      'share (0 to 1) of $batch responses replaced by 503 with Retry-After ' +
      'after the items are stored',
  },
  {
    name: 'failRetryAfter',
    flag: '--fail-retry-after',
    env: 'EMULATOR_FAIL_RETRY_AFTER',
    type: 'integer',
    min: 0,
    value: 'SECONDS',
    default: 1,
    help: 'Retry-After in seconds on the 503 responses of --fail-rate',
  },
  {
    name: 'seed',
    flag: '--seed',
    env: 'EMULATOR_SEED',
    type: 'integer',
    min: 0,
    value: 'N',
    default: 1,
    help: 'seed of the random choices (faults, batch response order), so that runs repeat',
  },
  {
    name: 'pageSize',
    flag: '--page-size',
    env: 'EMULATOR_PAGE_SIZE',
    type: 'integer',
    min: 1,
    value: 'N',
    default: 2,
    help: 'catalogs per page; clients must follow @odata.nextLink',
  },
  {
    name: 'packagePageSize',
    flag: '--package-page-size',
    env: 'EMULATOR_PACKAGE_PAGE_SIZE',
    type: 'integer',
    min: 1,
    value: 'N',
    default: 100,
    help: 'access packages per page',
  },
  {
    name: 'exposeRetryAfter',
    flag: '--hide-retry-after',
    env: 'EMULATOR_HIDE_RETRY_AFTER',
    type: 'boolean',
    inverted: true,
    default: true,
    help:
      'leave Retry-After out of Access-Control-Expose-Headers, so browser ' +
      'code cannot read it, as reported of Graph',
  },
  {
    name: 'signInClientId',
    flag: '--sign-in-client-id',
    env: 'EMULATOR_SIGN_IN_CLIENT_ID',
    type: 'text',
    pattern: GUID_PATTERN,
    expected: 'an application (client) id, a GUID',
    value: 'GUID',
    default: undefined,
    help:
      'application (client) id that /config.json gives the page for "Sign in with ' +
      'Microsoft" (default with --mock-authority: a fixed made-up id)',
  },
  {
    name: 'signInTenant',
    flag: '--sign-in-tenant',
    env: 'EMULATOR_SIGN_IN_TENANT',
    type: 'text',
    pattern: TENANT_PATTERN,
    expected: 'a tenant id (a GUID) or a domain such as contoso.onmicrosoft.com',
    value: 'TENANT',
    default: undefined,
    help:
      'tenant id or domain that /config.json gives the page for sign-in (default with ' +
      '--mock-authority: contoso.onmicrosoft.com)',
  },
  {
    name: 'mockAuthority',
    flag: '--mock-authority',
    env: 'EMULATOR_MOCK_AUTHORITY',
    type: 'boolean',
    default: false,
    help:
      'start a mock Microsoft sign-in authority over TLS with a self-signed certificate ' +
      'made with openssl, and have the page sign in there instead of at Microsoft',
  },
  {
    name: 'authorityPort',
    flag: '--authority-port',
    env: 'EMULATOR_AUTHORITY_PORT',
    type: 'port',
    value: 'PORT',
    default: 8443,
    help: 'port of the mock authority of --mock-authority; 0 picks a free port',
  },
];

/**
 * Checks `options` (as given to startEmulator) and fills in defaults. Throws
 * SettingsError for an unknown option or a value out of range.
 */
export function resolveSettings(options = {}) {
  const known = new Set(SETTINGS.map((setting) => setting.name));
  const unknown = Object.keys(options).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    const names = unknown.map((name) => `'${name}'`).join(', ');
    throw new SettingsError(`unknown emulator option ${names}; known: ${[...known].join(', ')}`);
  }

  const settings = {};
  for (const setting of SETTINGS) {
    const value = options[setting.name];
    settings[setting.name] =
      value === undefined ? setting.default : checkValue(setting, value, `option ${setting.name}`);
  }
  settings.burst ??= Math.max(1, Math.ceil(settings.rate));
  if (settings.dropRate + settings.failRate > 1) {
    const { dropRate, failRate } = settings;
    throw new SettingsError(
      `dropRate (${dropRate}) and failRate (${failRate}) must add up to at most 1`,
    );
  }
  return settings;
}

/**
 * Returns `value` when it is valid for `setting`, else throws SettingsError naming
 * `source` (an option, flag or environment variable) and `rawValue`, the value as given.
 */
export function checkValue(setting, value, source, rawValue = value) {
  const fail = (expected) => {
    throw new SettingsError(`${source} must be ${expected}, got ${JSON.stringify(rawValue)}`);
  };
  switch (setting.type) {
    case 'boolean':
      return typeof value === 'boolean' ? value : fail('true or false');
    case 'host':
      return isLoopback(value)
        ? value
        : fail('a loopback address (127.0.0.1, ::1 or localhost), since any token is accepted');
    case 'port':
      return Number.isInteger(value) && value >= 0 && value <= 65535
        ? value
        : fail('an integer from 0 to 65535');
    case 'integer':
      return Number.isSafeInteger(value) && value >= setting.min
        ? value
        : fail(`an integer of at least ${setting.min}`);
    case 'number':
      return Number.isFinite(value) && value >= 0 ? value : fail('a number of at least 0');
    case 'fraction':
      return Number.isFinite(value) && value >= 0 && value <= 1
        ? value
        : fail('a number from 0 to 1');
    case 'text':
      return typeof value === 'string' && setting.pattern.test(value)
        ? value
        : fail(setting.expected);
    default:
      throw new Error(`setting ${setting.name} has unknown type ${setting.type}`);
  }
}

function isLoopback(host) {
  if (typeof host !== 'string') {
    return false;
  }
  return (
    LOOPBACK_HOSTS.includes(host.toLowerCase()) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}
