// Facts about the machine, the tools and the package files, read during the run.
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

export const PEER_PACKAGES = ["ajv", "ajv-formats", "zod", "valibot", "papaparse"];
export const TOOL_PACKAGES = ["esbuild", "playwright-core"];

function cpuModel() {
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8")
      .split("\n")
      .find((text) => text.startsWith("model name"));
    return line ? line.split(":")[1].trim() : os.cpus()[0]?.model;
  } catch {
    return os.cpus()[0]?.model ?? "unknown";
  }
}

/** Returns the installed version of each package, read from its package.json. */
export function packageVersions(root, names) {
  return Object.fromEntries(
    names.map((name) => {
      const file = path.join(root, "node_modules", name, "package.json");
      return [name, JSON.parse(readFileSync(file, "utf8")).version];
    }),
  );
}

/** Describes the machine: cores, CPU model, memory and the load averages now. */
export function describeMachine() {
  return {
    cores: os.availableParallelism(),
    cpu: cpuModel(),
    memoryGiB: os.totalmem() / 2 ** 30,
    loadAverage: os.loadavg(),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

/** Returns the raw and gzipped (zlib level 9) size of a file, in bytes. */
export function fileSizes(file) {
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}
