// Tests the security headers of the emulator's web listener: the exact Content-Security-Policy
// on the page, and the same headers on every other response of that listener.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { contentSecurityPolicy } from '../../emulator/security-headers.mjs';
import { startEmulator } from '../../emulator/server.mjs';

let emulator;

before(async () => {
  emulator = await startEmulator({ port: 0, apiPort: 0, quiet: true });
});

after(async () => {
  await emulator?.close();
});

/** Returns the policy written out by hand, so that a change to the builder shows up here. */
function expectedPolicy(apiUrl) {
  return [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${apiUrl} https://graph.microsoft.com https://graph.microsoft.us ` +
      'https://dod-graph.microsoft.us https://microsoftgraph.chinacloudapi.cn ' +
      'https://login.microsoftonline.com https://login.microsoftonline.us ' +
      'https://login.chinacloudapi.cn',
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}

test('page has the exact policy', async () => {
  const response = await fetch(`${emulator.webUrl}/`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /^text\/html/);
  assert.equal(response.headers.get('content-security-policy'), expectedPolicy(emulator.apiUrl));
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
});

test('policy forbids inline script and eval', async () => {
  const response = await fetch(`${emulator.webUrl}/`);
  const policy = response.headers.get('content-security-policy');
  assert.ok(!policy.includes("'unsafe-inline'"), policy);
  assert.ok(!policy.includes("'unsafe-eval'"), policy);
  const scriptSources = policy.split('; ').find((directive) => directive.startsWith('script-src '));
  assert.equal(scriptSources, "script-src 'self' 'wasm-unsafe-eval'");
});

test('every response carries the headers', async () => {
  const paths = ['/app.js', '/style.css', '/config.json', '/no-such-file.js', '/%zz'];
  for (const path of paths) {
    const response = await fetch(`${emulator.webUrl}${path}`);
    await response.arrayBuffer();
    const policy = response.headers.get('content-security-policy');
    assert.equal(policy, expectedPolicy(emulator.apiUrl), `${path} (${response.status})`);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer', path);
  }
});

test('method not allowed carries the headers', async () => {
  const response = await fetch(`${emulator.webUrl}/`, { method: 'POST', body: 'x' });
  await response.arrayBuffer();
  assert.equal(response.status, 405);
  assert.equal(response.headers.get('content-security-policy'), expectedPolicy(emulator.apiUrl));
});

test('policy lists each local origin once', () => {
  const policy = contentSecurityPolicy([
    'http://127.0.0.1:8081',
    'https://127.0.0.1:8443',
    'http://127.0.0.1:8081',
  ]);
  const connect = policy.split('; ').find((directive) => directive.startsWith('connect-src '));
  const sources = connect.split(' ').slice(1);
  assert.deepEqual(sources.slice(0, 3), ["'self'", 'http://127.0.0.1:8081', 'https://127.0.0.1:8443']);
  assert.equal(new Set(sources).size, sources.length);
});

test('IPv6 origin becomes a port wildcard', () => {
  const policy = contentSecurityPolicy(['http://[::1]:8081', 'http://localhost:8082']);
  const connect = policy.split('; ').find((directive) => directive.startsWith('connect-src '));
  const sources = connect.split(' ').slice(1, 4);
  assert.deepEqual(sources, ["'self'", 'http://*:8081', 'http://localhost:8082']);
});
