// A throwaway self-signed TLS certificate for the mock sign-in authority, made with the
// openssl command line when the authority starts and never written anywhere lasting.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Creates a P-256 key and a certificate for 127.0.0.1, ::1 and localhost, valid for one day.
 * Resolves to `{ key, cert }` in PEM. Rejects when openssl is missing or fails, with its
 * standard error in the message.
 */
export async function createSelfSignedCertificate() {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'mock-authority-'));
  const keyPath = path.join(directory, 'key.pem');
  const certPath = path.join(directory, 'cert.pem');
  try {
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost',
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ]);
    const [key, cert] = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')]);
    return { key, cert };
  } catch (error) {
    const detail = error.code === 'ENOENT' ? 'openssl is not installed' : error.stderr?.trim();
    throw new Error(`creating the mock authority's TLS certificate failed: ${detail ?? error}`, {
      cause: error,
    });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
