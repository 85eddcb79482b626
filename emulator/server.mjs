#!/usr/bin/env node
// Local Microsoft Graph emulator for access packages: startEmulator() for tests, and the
// command line `node emulator/server.mjs [flags]` (see --help and emulator/README.md).

import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { createApiServer } from './api.mjs';
import { startMockAuthority } from './authority.mjs';
import { helpText, parseCommandLine } from './cli.mjs';
import { createCounters } from './counters.mjs';
import { createRandom } from './random.mjs';
import { SETTINGS, SettingsError, resolveSettings } from './settings.mjs';
import { createWebServer } from './static.mjs';
import { Store } from './store.mjs';
import { Throttle } from './throttle.mjs';

const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The made-up client id and tenant that /config.json gives the page with --mock-authority. */
export const MOCK_SIGN_IN = Object.freeze({
  clientId: '5f0c2b7e-8d3a-4e61-b9f4-2a7c1d6e3b80',
  tenant: 'contoso.onmicrosoft.com',
});

/**
 * Starts the web and API listeners on one shared in-memory store. `options` takes the
 * settings of settings.mjs by name (host, port, apiPort, quiet, rate, …) and does not read
 * environment variables. `rootDir`, for tests, replaces the project directory whose www/
 * and pkg/ are served. Resolves to `{ webUrl, apiUrl, store, settings, state, reset, close }`,
 * with both URLs lacking a trailing slash and `state()` returning what GET /_emulator/state
 * does. Rejects with SettingsError for a bad option,
 * or with the listen error when a port is taken.
 * The result also has `authority`, the mock sign-in authority of the `mockAuthority`
 * setting (see authority.mjs) or undefined, and `recentRequests()`, the last API requests
 * with their Authorization header, for tests.
 */
export async function startEmulator(options = {}) {
  const { rootDir = ROOT_DIR, ...settingOptions } = options;
  const settings = resolveSettings(settingOptions);
  const log = settings.quiet ? () => {} : (line) => console.log(line);
  const store = new Store({ listLagMs: settings.listLagMs });
  const throttle = new Throttle(settings);
  const recentRequests = [];
  const runtime = {
    store,
    settings,
    throttle,
    apiUrl: undefined,
    log,
    reset,
    state,
    recentRequests,
  };

  // Restores the seed: packages, create count, counters, throttle budgets and random sequences.
  function reset() {
    store.reset();
    throttle.reset();
    recentRequests.length = 0;
    runtime.counters = createCounters();
    runtime.shuffleRandom = createRandom(settings.seed);
    runtime.faultRandom = createRandom(settings.seed ^ 0x5bd1e995);
  }
  reset();

  // What GET /_emulator/state returns: the stored packages, the create count and the counters.
  function state() {
    return { ...store.state(), counters: { ...runtime.counters } };
  }

  const apiServer = createApiServer(runtime);
  const apiPort = await listen(apiServer, settings.apiPort, settings.host, '--api-port');
  runtime.apiUrl = originOf(settings.host, apiPort);

  let authority;
  if (settings.mockAuthority) {
    try {
      authority = await startMockAuthority({
        host: settings.host,
        port: settings.authorityPort,
        log,
      });
    } catch (error) {
      await closeServer(apiServer);
      throw listenError(error, settings.authorityPort, settings.host, '--authority-port');
    }
  }

  const webServer = createWebServer({
    rootDir,
    getConfig: () => pageConfig(runtime.apiUrl, settings, authority),
    // The mock authority's origin, for MSAL's metadata and token requests.
    getLocalOrigins: () => [runtime.apiUrl, ...(authority ? [authority.url] : [])],
    log: (line) => console.error(line),
  });
  let webPort;
  try {
    webPort = await listen(webServer, settings.port, settings.host, '--port');
  } catch (error) {
    await Promise.all([closeServer(apiServer), authority?.close()]);
    throw error;
  }

  let closing;
  const close = () => {
    closing ??= Promise.all([
      closeServer(apiServer),
      closeServer(webServer),
      authority?.close(),
    ]).then(() => {});
    return closing;
  };
  return {
    webUrl: originOf(settings.host, webPort),
    apiUrl: runtime.apiUrl,
    authority,
    store,
    settings,
    state,
    reset,
    close,
    // For tests only, never served over HTTP, because it contains access tokens.
    recentRequests: () => recentRequests.map((request) => ({ ...request })),
  };
}

// The object served as /config.json. The sign-in fields are present only when set.
function pageConfig(apiBaseUrl, settings, authority) {
  const config = { apiBaseUrl };
  const mock = authority === undefined ? {} : MOCK_SIGN_IN;
  const clientId = settings.signInClientId ?? mock.clientId;
  const tenant = settings.signInTenant ?? mock.tenant;
  if (clientId !== undefined) {
    config.signInClientId = clientId;
  }
  if (tenant !== undefined) {
    config.signInTenant = tenant;
  }
  if (authority !== undefined) {
    config.loginBaseUrl = authority.url;
  }
  return config;
}

function originOf(host, port) {
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return `http://${hostPart}:${port}`;
}

function listen(server, port, host, flag) {
  return new Promise((resolve, reject) => {
    const onError = (error) => reject(listenError(error, port, host, flag));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address().port);
    });
  });
}

// Returns an error that names the flag to change a port in use, or any other error as is.
function listenError(error, port, host, flag) {
  if (error.code !== 'EADDRINUSE') {
    return error;
  }
  const message =
    `port ${port} on ${host} is in use; choose another with ${flag}, or 0 for a free port`;
  return new Error(message, { cause: error });
}

function closeServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function describeSettings(settings) {
  const changed = SETTINGS.filter(
    (setting) =>
      !['host', 'port', 'apiPort', 'quiet', 'mockAuthority', 'authorityPort'].includes(
        setting.name,
      ) &&
      setting.default !== undefined &&
      settings[setting.name] !== setting.default,
  );
  if (changed.length === 0) {
    return 'defaults (no throttling, latency, list lag or faults)';
  }
  const parts = changed.map((setting) => `${setting.name}=${settings[setting.name]}`);
  if (settings.rate > 0) {
    parts.push(`burst=${settings.burst}`);
  }
  return parts.join(', ');
}

function describeSignIn(emulator) {
  if (emulator.authority === undefined) {
    return [];
  }
  return [
    `  mock sign-in:    ${emulator.authority.url} (self-signed certificate; the page signs in`,
    '                   there, with any client id and tenant, instead of at Microsoft)',
  ];
}

function printBanner(emulator) {
  const lines = [
    'Graph emulator started',
    `  page:            ${emulator.webUrl}/`,
    `  Graph API base:  ${emulator.apiUrl}`,
    `    v1.0: ${emulator.apiUrl}/v1.0/identityGovernance/entitlementManagement/...`,
    `    beta: ${emulator.apiUrl}/beta/identityGovernance/entitlementManagement/...`,
    `  settings:        ${describeSettings(emulator.settings)}`,
    '  seeded catalogs:',
    ...emulator.store.catalogs.map((catalog) => `    ${catalog.id}  ${catalog.displayName}`),
    ...describeSignIn(emulator),
    '  Any Authorization: Bearer <token> is accepted, except an expired or malformed JWT.',
    `  Test hooks: POST ${emulator.apiUrl}/_emulator/reset, GET ${emulator.apiUrl}/_emulator/state`,
    'Press Ctrl+C to stop.',
  ];
  console.log(lines.join('\n'));
}

async function main() {
  let parsed;
  try {
    parsed = parseCommandLine(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof SettingsError) {
      console.error(`emulator: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  if (parsed.help) {
    console.log(helpText());
    return;
  }

  let emulator;
  try {
    emulator = await startEmulator(parsed.options);
  } catch (error) {
    console.error(`emulator: failed to start: ${error.message}`);
    process.exit(error instanceof SettingsError ? 2 : 1);
  }
  printBanner(emulator);

  let stopping = false;
  const stop = async (signal) => {
    if (stopping) {
      console.error(`emulator: ${signal} again, exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    console.log(`emulator: ${signal} received, stopping`);
    await emulator.close();
    console.log('emulator: stopped');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function isEntryPoint() {
  if (process.argv[1] === undefined) {
    return false;
  }
  try {
    return pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  await main();
}
