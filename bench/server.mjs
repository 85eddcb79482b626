// A static file server for the browser cases, on 127.0.0.1 at a port the system picks.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
};

// no-store keeps every load cold, and cross-origin isolation gives performance.now() its
// fine resolution in Chromium.
const HEADERS = {
  "Cache-Control": "no-store",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

/** Returns the file under `root` that `relative` names, or null when it would leave `root`. */
function resolveInside(root, relative) {
  const resolved = path.resolve(root, "." + path.posix.normalize("/" + relative));
  return resolved.startsWith(root + path.sep) ? resolved : null;
}

/**
 * Starts the server. `mounts` maps a URL prefix such as "/pkg/" to a folder, and `files`
 * maps a URL to text held in memory, such as a bundle. Resolves to `{ origin, close }`.
 */
export function startStaticServer({ mounts, files = {} }) {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    const send = (status, type, body) => {
      response.writeHead(status, { ...HEADERS, "Content-Type": type });
      response.end(body);
    };
    if (request.method !== "GET") {
      send(405, "text/plain", `method ${request.method} is not allowed, only GET`);
      return;
    }
    if (url.pathname in files) {
      send(200, CONTENT_TYPES[path.extname(url.pathname)], files[url.pathname]);
      return;
    }
    const prefix = Object.keys(mounts).find((mount) => url.pathname.startsWith(mount));
    const file = prefix && resolveInside(mounts[prefix], url.pathname.slice(prefix.length));
    if (!file) {
      send(404, "text/plain", `${url.pathname} was not found`);
      return;
    }
    try {
      const body = await readFile(file);
      send(200, CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream", body);
    } catch (error) {
      send(404, "text/plain", `${url.pathname} was not found: ${error.code}`);
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}
