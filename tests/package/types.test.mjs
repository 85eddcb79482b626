// The packed package's TypeScript declarations, checked with `tsc --noEmit --strict` on usage
// files that call every export, once with moduleResolution node16 (ESM and CommonJS files)
// and once with bundler: node --test tests/package/

import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";

import { ROOT, createProject, packPackage, runCommand } from "./helpers.mjs";

const TSC = path.join(ROOT, "node_modules/typescript/bin/tsc");

// Calls every export with real shapes. The `@ts-expect-error` lines must fail to compile, and
// tsc reports any that compiles, so a loose declaration fails the check.
const CALLS = `
type IsAny<T> = 0 extends 1 & T ? true : false;

export async function useEverything(): Promise<void> {
  await init();
  const options: Options = {
    apiVersion: "beta",
    cloud: "usGovernment",
    baseUrl: "http://127.0.0.1:8081",
    accessToken: "Bearer token",
    clientRequestId: "0b6b1d7e-6f3c-4f4e-9d55-8f1c1c9b2f10",
    maxDisplayNameLength: 100,
    strict: true,
  };
  const input: AccessPackageInput = { displayName: "sales reps", catalogId: "HR", extra: 1 };

  const validation: ValidationResult = validateAccessPackage(input, options);
  const notAny: IsAny<typeof validation> = false;
  const codes: ProblemCode[] = validation.problems.map((problem: Problem) => problem.code);
  const severity: Severity = validation.problems[0].severity;
  const row: number | undefined = validation.problems[0].row;
  validateAccessPackage("not even an object");

  const built: CreateRequestResult = buildCreateAccessPackageRequest(input);
  if (built.valid) {
    const request: HttpRequest = built.request;
    const method: "GET" | "POST" = request.method;
    await fetch(request.url, request);
  } else {
    // @ts-expect-error request exists only on a valid result
    built.request.url;
  }

  const response = new Response("{}", { status: 201 });
  const parsed: CreateResponseResult = parseCreateAccessPackageResponse(
    response.status,
    response.headers,
    await response.text(),
  );
  if (parsed.ok) {
    const id: unknown = parsed.accessPackage.id;
  } else {
    const error: GraphError = parsed.error;
    const retryable: boolean = error.retryable;
    const seconds: number | undefined = error.retryAfterSeconds;
  }
  parseCreateAccessPackageResponse(0, { "request-id": "x" }, "");

  const catalogId = "66584aae-98bb-48cc-9458-7bee5d2a6577";
  const lookup: HttpRequest = buildAccessPackageLookupRequest("sales reps", catalogId, options);
  const format: RowsFormat = { format: "csv" };
  const rows: RowsResult = parseAccessPackageRows("displayName,catalogId\\nsales,HR\\n", format);
  const inputs: AccessPackageInput[] = rows.rows;
  const batches: BatchRequests = buildBatchRequests(inputs, options);
  const first: Batch = batches.batches[0];
  buildBatchRequestsFromText('[{"displayName":"a"}]', { format: "json" }, options);
  const results: BatchRowResult[] = parseBatchResponse(200, new Headers(), "{}", first.rows);

  const controller = new AbortController();
  const bulk = await runBulkCreate(inputs, {
    ...options,
    fetch: (url, init) => fetch(url, init),
    signal: controller.signal,
    concurrency: 2,
    maxTries: 3,
    timeoutMs: 5000,
    onProgress: (progress: BulkProgress) => progress.done,
  });
  const status: BulkResult["status"] = bulk[0].status;
  const stats: BulkStats = bulk.stats;

  try {
    validateAccessPackage(input, options);
  } catch (error) {
    if (error instanceof GraphAccessPackageError) {
      const code: string = error.code;
      const name: "GraphAccessPackageError" = error.name;
      const where: string | undefined = error.path;
    }
  }
  const made: Error = new GraphAccessPackageError("invalid_option", "made by hand");

  // @ts-expect-error apiVersion is "v1.0" or "beta"
  validateAccessPackage(input, { apiVersion: "v2" });
  // @ts-expect-error a problem's code is one of the listed codes
  const unknownCode: ProblemCode = "not_a_code";
  // @ts-expect-error the format is "csv" or "json"
  parseAccessPackageRows("", { format: "xml" });
  // @ts-expect-error the status is a number
  parseBatchResponse("200", {}, "", []);
}
`;

const NAMES = `
  validateAccessPackage,
  buildCreateAccessPackageRequest,
  parseCreateAccessPackageResponse,
  buildAccessPackageLookupRequest,
  parseAccessPackageRows,
  buildBatchRequests,
  buildBatchRequestsFromText,
  parseBatchResponse,
  runBulkCreate,
  GraphAccessPackageError,
  type AccessPackageInput,
  type Batch,
  type BatchRequests,
  type BatchRowResult,
  type BulkProgress,
  type BulkResult,
  type BulkStats,
  type CreateRequestResult,
  type CreateResponseResult,
  type GraphError,
  type HttpRequest,
  type Options,
  type Problem,
  type ProblemCode,
  type RowsFormat,
  type RowsResult,
  type Severity,
  type ValidationResult,
`;

const USAGE = `import init, {${NAMES}} from "graph-access-package";\n${CALLS}`;

const COMPILER_OPTIONS = {
  strict: true,
  noEmit: true,
  target: "es2022",
  lib: ["es2022", "dom", "dom.iterable"],
  types: [],
  noUnusedLocals: false,
  skipLibCheck: false,
};

const FILES = {
  "usage.mts": USAGE,
  // A CommonJS file: its import compiles to require, so TypeScript resolves the "require"
  // condition and reads index.d.cts.
  "usage.cts": USAGE,
  "usage.ts": USAGE,
  "tsconfig.node16.json": JSON.stringify({
    compilerOptions: { ...COMPILER_OPTIONS, module: "node16", moduleResolution: "node16" },
    files: ["usage.mts", "usage.cts"],
  }),
  "tsconfig.bundler.json": JSON.stringify({
    compilerOptions: { ...COMPILER_OPTIONS, module: "esnext", moduleResolution: "bundler" },
    files: ["usage.ts"],
  }),
};

let project;
const cleanups = [];
const suite = { after: (cleanup) => cleanups.push(cleanup) };

before(async () => {
  const packed = await packPackage(suite);
  project = await createProject(suite, packed.tarball, FILES);
});

after(() => Promise.all(cleanups.map((cleanup) => cleanup())));

async function typeCheck(config) {
  const args = [TSC, "-p", config, "--pretty", "false", "--traceResolution"];
  return runCommand(process.execPath, args, { cwd: project, maxBuffer: 64 * 1024 * 1024 });
}

/** Returns the declaration files that TypeScript resolved "graph-access-package" to. */
function resolvedFiles(trace) {
  const pattern = /Module name 'graph-access-package' was successfully resolved to '([^']+)'/g;
  return [...new Set([...trace.matchAll(pattern)].map((match) => path.basename(match[1])))].sort();
}

/** Returns tsc's error lines, without the resolution trace. */
function errors(output) {
  return output.split("\n").filter((line) => /error TS\d+/.test(line));
}

test("tsc passes with node16 resolution", async () => {
  const result = await typeCheck("tsconfig.node16.json");
  assert.deepEqual(errors(result.stdout), []);
  assert.equal(result.code, 0);
  assert.deepEqual(resolvedFiles(result.stdout), ["index.d.cts", "index.d.ts"]);
});

test("tsc passes with bundler resolution", async () => {
  const result = await typeCheck("tsconfig.bundler.json");
  assert.deepEqual(errors(result.stdout), []);
  assert.equal(result.code, 0);
  assert.deepEqual(resolvedFiles(result.stdout), ["index.d.ts"]);
});
