// The web listener: serves the page from www/, the built package from pkg/, MSAL's
// browser build from node_modules under /vendor/msal-browser/, and /config.json, which
// gives the page the API listener's URL.

import { realpath, readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

import { securityHeaders } from './security-headers.mjs';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

/**
 * Creates the web server. `rootDir` is the project directory that contains www/, pkg/ and
 * node_modules/. `getConfig()` returns the object served as /config.json, and
 * `getLocalOrigins()` returns the loopback origins that the page may connect to besides its
 * own (see security-headers.mjs).
 */
export function createWebServer({ rootDir, getConfig, getLocalOrigins, log }) {
  return http.createServer((req, res) => {
    for (const [name, value] of Object.entries(securityHeaders(getLocalOrigins()))) {
      res.setHeader(name, value);
    }
    serveStatic(req, res, rootDir, getConfig).catch((error) => {
      log(`emulator: serving ${req.url} failed: ${error.stack ?? error}`);
      if (!res.headersSent) {
        sendText(res, 500, `Internal error while serving ${req.url}\n`);
      } else {
        res.destroy();
      }
    });
  });
}

async function serveStatic(req, res, rootDir, getConfig) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, `The method ${req.method} is not allowed; use GET.\n`, {
      Allow: 'GET, HEAD',
    });
    return;
  }

  const resolved = resolveRequestPath(req.url);
  if (resolved.status !== undefined) {
    sendText(res, resolved.status, `${resolved.message}\n`);
    return;
  }
  if (resolved.urlPath === '/config.json') {
    send(res, 200, CONTENT_TYPES['.json'], Buffer.from(JSON.stringify(getConfig())));
    return;
  }

  const [baseName, relative] = mapToDirectory(resolved.segments);
  const file = await findFile(path.join(rootDir, baseName), relative);
  if (file === undefined) {
    sendText(res, 404, `Not found: ${resolved.urlPath}\n`);
    return;
  }
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  send(res, 200, type, await readFile(file));
}

/**
 * Decodes a request target and rejects traversal. Returns `{ urlPath, segments }`, or
 * `{ status, message }`: 400 for bad percent-encoding or a NUL byte, 404 for a `.` or `..`
 * segment, a backslash or a hidden file, whether sent plainly or percent-encoded.
 */
function resolveRequestPath(target) {
  const rawPath = target.split(/[?#]/, 1)[0];
  if (!rawPath.startsWith('/')) {
    return { status: 400, message: `The request target '${target}' must start with /.` };
  }

  let urlPath;
  try {
    urlPath = decodeURIComponent(rawPath);
  } catch {
    return { status: 400, message: 'The request path is not valid percent-encoding.' };
  }
  if (urlPath.includes('\0')) {
    return { status: 400, message: 'The request path contains a NUL byte.' };
  }

  const segments = urlPath.split('/').filter((segment) => segment !== '');
  const hidden = segments.some((segment) => segment.startsWith('.') || segment.includes('\\'));
  if (hidden) {
    return { status: 404, message: `Not found: ${urlPath}` };
  }
  return { urlPath, segments };
}

// The browser builds of @azure/msal-browser (UMD scripts that define globals), which the
// page loads without a bundler. Nothing else under node_modules is served.
const MSAL_BROWSER_DIR = path.join('node_modules', '@azure', 'msal-browser', 'lib');

// Maps URL segments to a directory under the project and a path inside it.
function mapToDirectory(segments) {
  if (segments[0] === 'pkg') {
    return ['pkg', segments.slice(1)];
  }
  if (segments[0] === 'vendor' && segments[1] === 'msal-browser') {
    return [MSAL_BROWSER_DIR, segments.slice(2)];
  }
  return ['www', segments.length ? segments : ['index.html']];
}

// Returns the real path of the file, or of index.html for a directory, when it exists
// inside `baseDir` once symbolic links are resolved, else undefined.
async function findFile(baseDir, relative) {
  let realBase;
  let candidate;
  try {
    realBase = await realpath(baseDir);
    candidate = await realpath(path.join(realBase, ...relative));
    if ((await stat(candidate)).isDirectory()) {
      candidate = await realpath(path.join(candidate, 'index.html'));
    }
    if (!(await stat(candidate)).isFile()) {
      return undefined;
    }
  } catch (error) {
    if (['ENOENT', 'ENOTDIR', 'ENAMETOOLONG', 'ELOOP'].includes(error.code)) {
      return undefined;
    }
    throw error;
  }
  const inside = path.relative(realBase, candidate);
  return inside.startsWith('..') || path.isAbsolute(inside) ? undefined : candidate;
}

// Node's http module leaves the payload out of HEAD responses by itself.
function send(res, status, contentType, payload, extraHeaders = {}) {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': payload.length,
    'Cache-Control': 'no-store',
    ...extraHeaders,
  });
  res.end(payload);
}

function sendText(res, status, text, extraHeaders) {
  send(res, status, CONTENT_TYPES['.txt'], Buffer.from(text), extraHeaders);
}
