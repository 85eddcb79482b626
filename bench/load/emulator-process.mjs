// The emulator as a child process for the load test, so that the load generator does not share
// its event loop, with its resident memory read from /proc/PID/status.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const SERVER = path.join(root, "emulator", "server.mjs");

/** How long the emulator may take to print its banner, and to exit after SIGTERM. */
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;

/** The banner line with the API origin, like "  Graph API base:  http://127.0.0.1:40123". */
const API_BASE_LINE = /^\s*Graph API base:\s+(http:\/\/\S+)\s*$/m;

/**
 * Starts `node emulator/server.mjs --port 0 --api-port 0 --quiet` with `extraArgs` and
 * resolves once its banner names the API origin. Resolves to `{ pid, apiUrl, args,
 * readRssBytes(), errorOutput(), stop() }`. Rejects when the process exits or stays silent
 * for 15 s, with its output in the message.
 */
export function startEmulatorProcess(extraArgs = []) {
  const args = [SERVER, "--port", "0", "--api-port", "0", "--quiet", ...extraArgs];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });

  return new Promise((resolve, reject) => {
    let started = false;
    const fail = (reason) => {
      if (started) return;
      started = true;
      clearTimeout(timer);
      child.kill("SIGKILL");
      const output = `stdout:\n${stdout}\nstderr:\n${stderr}`;
      reject(new Error(`the emulator did not start: ${reason}\n${output}`));
    };
    const timer = setTimeout(
      () => fail(`it printed no API URL within ${START_TIMEOUT_MS} ms`),
      START_TIMEOUT_MS,
    );
    child.once("error", (error) => fail(error.message));
    exited.then(({ code, signal }) => fail(`it exited with code ${code}, signal ${signal}`));

    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const match = API_BASE_LINE.exec(stdout);
      if (match === null || started) return;
      started = true;
      clearTimeout(timer);
      child.stdout.removeAllListeners("data");
      child.stdout.resume();
      resolve({
        pid: child.pid,
        apiUrl: match[1],
        args: args.map((arg) => (arg === SERVER ? "emulator/server.mjs" : arg)),
        readRssBytes: () => readRssBytes(child.pid),
        errorOutput: () => stderr,
        stop: () => stopProcess(child, exited),
      });
    });
  });
}

/** Returns the resident set size (VmRSS) of process `pid` in bytes, read from /proc. */
export function readRssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (match === null) {
    throw new Error(`/proc/${pid}/status has no VmRSS line`);
  }
  return Number(match[1]) * 1024;
}

// Sends SIGTERM, and SIGKILL when the emulator has not exited 5 s later. Resolves to its exit.
async function stopProcess(child, exited) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return exited;
  }
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  const exit = await exited;
  clearTimeout(timer);
  return exit;
}
