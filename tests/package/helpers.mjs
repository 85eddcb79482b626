// Shared setup for the tarball tests: pack pkg/ with npm, install the tarball into a fresh
// project in a temporary folder, and serve a built page from a loopback static server.

import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The repository's root folder. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The built package folder that is packed. */
export const PKG = path.join(ROOT, "pkg");

/** The npm command, found on PATH. */
const NPM = "npm";

/**
 * Runs `npm pack` on pkg/ into a new temporary folder and returns the tarball's path and the
 * list of files npm put in it. `t` removes the folder when the test ends.
 */
export async function packPackage(t) {
  await stat(path.join(PKG, "package.json")).catch(() => {
    throw new Error("pkg/ is not built: run `bash scripts/build.sh` first");
  });
  const folder = await temporaryFolder(t, "gap-pack-");
  const { stdout } = await run(
    NPM,
    ["pack", PKG, "--pack-destination", folder, "--json", "--ignore-scripts"],
    { cwd: folder },
  );
  const [report] = JSON.parse(stdout);
  return {
    tarball: path.join(folder, report.filename),
    files: report.files.map((file) => file.path).sort(),
  };
}

/**
 * Creates a project in a new temporary folder with `files` (name to text), installs the
 * tarball into it by path, and returns the folder. The package's own dependencies come from
 * npm's cache when they are there.
 */
export async function createProject(t, tarball, files = {}) {
  const folder = await temporaryFolder(t, "gap-project-");
  const manifest = { name: "gap-user-project", private: true, version: "1.0.0" };
  await writeFile(path.join(folder, "package.json"), JSON.stringify(manifest, null, 2));
  for (const [name, text] of Object.entries(files)) {
    await writeFile(path.join(folder, name), text);
  }
  const flags = ["--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline"];
  await run(NPM, ["install", tarball, ...flags], { cwd: folder });
  return folder;
}

/** Runs a Node script in `folder` and returns its standard output. */
export async function runNode(folder, file, args = []) {
  const { stdout } = await run(process.execPath, [file, ...args], { cwd: folder });
  return stdout;
}

/**
 * Runs a command and resolves with its exit code and output instead of rejecting, for
 * commands whose failure is the thing to check.
 */
export async function runCommand(command, args, options) {
  try {
    const { stdout, stderr } = await run(command, args, options);
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (typeof error.code !== "number") throw error;
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

/** Creates a temporary folder that `t` removes when the test ends. */
export async function temporaryFolder(t, prefix) {
  const folder = await mkdtemp(path.join(tmpdir(), prefix));
  t.after(() => rm(folder, { recursive: true, force: true }));
  return folder;
}

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
};

/**
 * Serves the files of `folder` on 127.0.0.1 at a free port until `t` ends, and returns the
 * server's origin. Paths outside the folder and missing files get 404.
 */
export async function serveFolder(t, folder) {
  const server = http.createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url, "http://127.0.0.1").pathname);
    const file = path.join(folder, pathname.endsWith("/") ? `${pathname}index.html` : pathname);
    if (!file.startsWith(folder + path.sep)) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      const type = CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream";
      response.writeHead(200, { "content-type": type }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${server.address().port}`;
}
