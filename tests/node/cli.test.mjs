// The command line from the built package, spawned as a user runs it, against the emulator:
// delimiters and encodings, dry runs, exit statuses, the results file, reruns, Ctrl+C, the
// token's safety and the proxy variables.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, beforeEach, describe, test } from "node:test";
import { fileURLToPath } from "node:url";

import { startEmulator } from "../../emulator/server.mjs";
import { createProgressDisplay } from "../../pkg/cli-progress.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CLI = path.join(root, "pkg/cli.mjs");

const SALES = "66584aae-98bb-48cc-9458-7bee5d2a6577";
const FIELD = "aa2f6514-3232-46e7-a08a-2411ad8d7128";
/** A catalog id in the GUID shape that the emulator has not seeded, so creates get 404. */
const MISSING_CATALOG = "0b6f3c2e-5d4a-4e8b-9c1d-2f3e4a5b6c7d";
const TOKEN = "cli-test-token-5e8d1f";

const PROXY_VARIABLES = ["HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY"].flatMap((name) => [
  name,
  name.toLowerCase(),
]);

let emulator;
let directory;

before(async () => {
  emulator = await startEmulator({ port: 0, apiPort: 0, quiet: true, seed: 3 });
  directory = await mkdtemp(path.join(tmpdir(), "gap-cli-"));
});

after(async () => {
  await emulator?.close();
  if (directory) await rm(directory, { recursive: true, force: true });
});

beforeEach(() => {
  emulator.reset();
});

/** Returns a run's environment: this process's without proxy variables, plus the token and `extra`. */
function childEnvironment(extra = {}) {
  const env = { ...process.env, GRAPH_ACCESS_TOKEN: TOKEN };
  for (const name of PROXY_VARIABLES) delete env[name];
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** Runs the CLI to its end. `onStdout(text, child)` receives the stdout so far on each chunk. */
async function runCli(args, { env = {}, onStdout } = {}) {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: childEnvironment(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
    onStdout?.(stdout, child);
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  // "close" comes after "exit" and after stdout and stderr have ended.
  const [code] = await once(child, "close");
  return { code, stdout, stderr };
}

let fileCount = 0;

/** Writes `content` (a string as UTF-8, or bytes) to a new file and returns its path. */
async function rowsFile(content, extension = ".csv") {
  fileCount += 1;
  const file = path.join(directory, `rows-${fileCount}${extension}`);
  await writeFile(file, content);
  return file;
}

function resultsPathOf(file) {
  return file.slice(0, -path.extname(file).length) + ".results.csv";
}

/** Reads a results file into objects, checking its byte-order mark and CRLF line ends. */
async function readResults(file) {
  const text = await readFile(file, "utf8");
  assert.ok(text.startsWith("\ufeff"), "the results file starts with a byte-order mark");
  assert.ok(text.endsWith("\r\n"), "the results file ends with CRLF");
  const lines = text.slice(1, -2).split("\r\n");
  const header = lines[0].split(",");
  assert.deepEqual(header, [
    "row",
    "status",
    "id",
    "code",
    "message",
    "hint",
    "requestId",
    "date",
    "tries",
  ]);
  return lines.slice(1).map((line) => {
    const cells = splitCsvLine(line);
    return Object.fromEntries(header.map((name, index) => [name, cells[index]]));
  });
}

function splitCsvLine(line) {
  const cells = [];
  let cell = "";
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (quoted && char === '"' && line[index + 1] === '"') {
      cell += '"';
      index += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (char === "," && !quoted) {
      cells.push(cell);
      cell = "";
    } else {
      cell += char;
    }
  }
  cells.push(cell);
  return cells;
}

async function state() {
  const response = await fetch(`${emulator.apiUrl}/_emulator/state`);
  return response.json();
}

async function storedNames() {
  const { packages } = await state();
  return packages.map((stored) => stored.displayName).sort();
}

/** Checks that the token is nowhere in a run's output or its results file. */
async function assertTokenHidden(run, resultsFile) {
  assert.ok(!run.stdout.includes(TOKEN), "the token is in stdout");
  assert.ok(!run.stderr.includes(TOKEN), "the token is in stderr");
  if (resultsFile !== undefined) {
    const text = await readFile(resultsFile, "utf8");
    assert.ok(!text.includes(TOKEN), "the token is in the results file");
  }
}

function create(file, ...extra) {
  return ["create", "--rows", file, "--base-url", emulator.apiUrl, ...extra];
}

describe("delimiters and encodings", () => {
  const names = ["Ventes, EMEA", "Équipe « terrain »"];

  for (const [label, delimiter] of [
    ["comma", ","],
    ["semicolon", ";"],
    ["tab", "\t"],
  ]) {
    test(`${label}-delimited CSV creates exact names`, async () => {
      const quoteCell = (cell) => (cell.includes(delimiter) ? `"${cell}"` : cell);
      const lines = [`displayName${delimiter}catalogId`];
      for (const name of names) lines.push(`${quoteCell(name)}${delimiter}${SALES}`);
      const file = await rowsFile(`${lines.join("\r\n")}\r\n`);

      const run = await runCli(create(file));

      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(await storedNames(), [...names].sort());
      await assertTokenHidden(run, resultsPathOf(file));
    });
  }

  const accented = ["Café Zürich", "Ångström €"];
  const text = `displayName,catalogId\n${accented[0]},${SALES}\n${accented[1]},${SALES}\n`;
  const utf16be = Buffer.from(`\ufeff${text}`, "utf16le").swap16();
  // Windows-1252 is Latin-1 for these letters, but has the euro sign at 0x80.
  const windows1252 = Buffer.from([...text].map((char) => (char === "€" ? 0x80 : char.charCodeAt(0))));
  for (const [label, bytes, shown] of [
    ["UTF-8 without BOM", Buffer.from(text, "utf8"), "UTF-8"],
    ["UTF-8 with BOM", Buffer.from(`\ufeff${text}`, "utf8"), "UTF-8"],
    ["UTF-16 LE with BOM", Buffer.from(`\ufeff${text}`, "utf16le"), "UTF-16 LE"],
    ["UTF-16 BE with BOM", utf16be, "UTF-16 BE"],
    ["Windows-1252", windows1252, "Windows-1252"],
  ]) {
    test(`${label} file creates exact names`, async () => {
      const file = await rowsFile(bytes);

      const run = await runCli(create(file));

      assert.equal(run.code, 0, run.stderr);
      assert.ok(run.stdout.includes(`as CSV in ${shown}: 2 rows.`), run.stdout);
      assert.deepEqual(await storedNames(), [...accented].sort());
      await assertTokenHidden(run, resultsPathOf(file));
    });
  }

  test("JSON rows file creates exact names", async () => {
    const rows = [{ displayName: "Json one", catalogId: SALES }, { displayName: "Json two" }];
    const file = await rowsFile(JSON.stringify(rows), ".data");

    const run = await runCli(create(file, "--format", "json", "--catalog", FIELD));

    assert.equal(run.code, 0, run.stderr);
    const { packages } = await state();
    const catalogs = Object.fromEntries(packages.map((stored) => [stored.displayName, stored.catalogId]));
    assert.deepEqual(catalogs, { "Json one": SALES, "Json two": FIELD });
  });
});

describe("dry run", () => {
  test("sends nothing and hides the token", async () => {
    const file = await rowsFile(`displayName,catalogId\nDry one,${SALES}\nDry two,${SALES}\n`);

    const run = await runCli(create(file, "--dry-run"));

    assert.equal(run.code, 0, run.stderr);
    assert.equal((await state()).creates, 0);
    assert.ok(run.stdout.includes(`$batch 1 of 1, rows 0, 1:\nPOST ${emulator.apiUrl}/v1.0/$batch\n`));
    assert.ok(run.stdout.includes("Authorization: Bearer <token hidden>\n"));
    assert.ok(run.stdout.includes('"displayName": "Dry two"'));
    assert.ok(run.stdout.includes("Nothing was sent."));
    await assertTokenHidden(run);
    await assert.rejects(stat(resultsPathOf(file)), { code: "ENOENT" });
  });

  test("exits 1 when a row has errors", async () => {
    const file = await rowsFile(`displayName,catalogId\nDry ok,${SALES}\n,${SALES}\n`);

    const run = await runCli(create(file, "--dry-run"));

    assert.equal(run.code, 1);
    assert.equal((await state()).creates, 0);
    assert.ok(run.stderr.includes("  row 1, displayName: error "), run.stderr);
    assert.ok(run.stdout.includes("$batch 1 of 1, rows 0:"));
  });

  test("works without a token", async () => {
    const file = await rowsFile(`displayName,catalogId\nNo token,${SALES}\n`);

    const run = await runCli(create(file, "--dry-run"), { env: { GRAPH_ACCESS_TOKEN: undefined } });

    assert.equal(run.code, 0, run.stderr);
    assert.ok(!run.stdout.includes("Authorization:"));
    assert.ok(run.stdout.includes("GRAPH_ACCESS_TOKEN is not set"));
  });
});

describe("runs and results", () => {
  test("invalid row exits 1 and is listed", async () => {
    const csv = [
      "displayName,catalogId",
      `Valid one,${SALES}`,
      "Named catalog,HR",
      `Shifted,${SALES},extra`,
      `Valid two,${SALES}`,
    ].join("\n");
    const file = await rowsFile(csv);

    const run = await runCli(create(file));

    assert.equal(run.code, 1);
    assert.deepEqual(await storedNames(), ["Valid one", "Valid two"]);
    assert.ok(run.stderr.includes("  row 1, catalogId: error catalog_name_not_id: "), run.stderr);
    assert.ok(run.stderr.includes("  row 2: error extra_cells: "), run.stderr);
    assert.ok(run.stderr.includes("2 rows with errors will not be sent."), run.stderr);
    assert.ok(run.stdout.includes("Done: 2 created, 2 invalid."), run.stdout);
    assert.ok(run.stdout.includes(`Results: ${resultsPathOf(file)}`));

    const results = await readResults(resultsPathOf(file));
    assert.deepEqual(
      results.map((result) => [result.row, result.status, result.code]),
      [
        ["0", "created", ""],
        ["1", "invalid", "catalog_name_not_id"],
        ["2", "invalid", "extra_cells"],
        ["3", "created", ""],
      ],
    );
    assert.match(results[0].id, /^[0-9a-f-]{36}$/);
    assert.equal(results[0].tries, "1");
    await assertTokenHidden(run, resultsPathOf(file));
  });

  test("failed row exits 1 with Graph's error", async () => {
    const file = await rowsFile(`displayName,catalogId\nLost,${MISSING_CATALOG}\n`);
    const results = path.join(directory, "failed-results.csv");

    const run = await runCli(create(file, "--results", results));

    assert.equal(run.code, 1);
    const [row] = await readResults(results);
    assert.equal(row.status, "failed");
    assert.equal(row.code, "ResourceNotFound");
    assert.match(row.requestId, /^[0-9a-f-]{36}$/);
    assert.ok(run.stderr.includes("row 0: failed ResourceNotFound: "), run.stderr);
  });

  test("rerun reports every row exists", async () => {
    const file = await rowsFile(`displayName,catalogId\nAgain one,${SALES}\nAgain two,${FIELD}\n`);

    const first = await runCli(create(file));
    const second = await runCli(create(file, "--api-version", "beta"));

    assert.equal(first.code, 0, first.stderr);
    assert.ok(first.stdout.includes("2/2 rows done: 2 created, 0 exists, 0 failed\n"), first.stdout);
    assert.ok(!first.stdout.includes("\r"), "a progress line was rewritten in a pipe");
    assert.equal(second.code, 0, second.stderr);
    assert.ok(second.stdout.includes("Done: 2 already existed."), second.stdout);
    const results = await readResults(resultsPathOf(file));
    assert.deepEqual(results.map((result) => result.status), ["exists", "exists"]);
    assert.equal((await state()).creates, 2);
  });

  test("short token leaves output readable", async () => {
    const file = await rowsFile(`displayName,catalogId\nShort token,${SALES}\n`);

    const run = await runCli(create(file), { env: { GRAPH_ACCESS_TOKEN: "t" } });

    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.stdout.includes("Done: 1 created.\n"), run.stdout);
  });

  test("Bearer prefix is hidden with the token", async () => {
    const file = await rowsFile(`displayName,catalogId\nBearer token,${SALES}\n`);

    const run = await runCli(create(file, "--dry-run"), { env: { GRAPH_ACCESS_TOKEN: `Bearer ${TOKEN}` } });

    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.stdout.includes("Authorization: Bearer <token hidden>\n"));
    await assertTokenHidden(run);
  });

  test("Ctrl+C lists every row in the results", async () => {
    const slow = await startEmulator({ port: 0, apiPort: 0, quiet: true, latencyMs: 500 });
    try {
      const file = await rowsFile(
        `displayName,catalogId\nStop one,${SALES}\nStop two,${SALES}\nStop three,${SALES}\n`,
      );
      let interrupted = false;
      const args = ["create", "--rows", file, "--base-url", slow.apiUrl];

      const run = await runCli(args, {
        onStdout(stdout, child) {
          if (!interrupted && stdout.includes("Sending 3 rows")) {
            interrupted = true;
            child.kill("SIGINT");
          }
        },
      });

      assert.equal(interrupted, true);
      assert.equal(run.code, 1);
      assert.ok(run.stdout.includes("Cancelled: "), run.stdout);
      const results = await readResults(resultsPathOf(file));
      assert.deepEqual(
        results.map((result) => result.row),
        ["0", "1", "2"],
      );
      for (const result of results) {
        assert.ok(["failed", "not_sent"].includes(result.status), JSON.stringify(result));
      }
    } finally {
      await slow.close();
    }
  });
});

describe("usage errors", () => {
  test("token flags are rejected", async () => {
    const file = await rowsFile(`displayName,catalogId\nToken flag,${SALES}\n`);

    for (const flag of ["--token", "--access-token"]) {
      const run = await runCli(create(file, flag, TOKEN));

      assert.equal(run.code, 2, flag);
      assert.equal(
        run.stderr,
        `graph-access-package: ${flag} is not accepted, because a token in the command line is ` +
          "saved in the shell's history and shown in the process list; set the " +
          "GRAPH_ACCESS_TOKEN environment variable\n",
      );
      assert.equal(run.stdout, "");
    }
    const inline = await runCli(create(file, `--token=${TOKEN}`));
    assert.equal(inline.code, 2);
    assert.equal((await state()).creates, 0);
  });

  test("bad flags exit 2 naming the value", async () => {
    const file = await rowsFile(`displayName,catalogId\nUsage,${SALES}\n`);
    const cases = [
      [["create", "--rows", file, "--colour", "red"], 'unknown flag "--colour"; run graph-access-package --help for the flags'],
      [["create", "--rows", file, "--api-version", "v2"], '--api-version must be one of "v1.0", "beta", got "v2"'],
      [["create", "--rows", file, "--cloud", "mars"], '--cloud must be one of "global", "usGovernment", "usGovernmentDod", "china", got "mars"'],
      [["create", "--rows", file, "--concurrency", "0"], '--concurrency must be an integer of at least 1, got "0"'],
      [["create", "--rows", file, "--max-tries", "two"], '--max-tries must be an integer of at least 1, got "two"'],
      [["create", "--rows", file, "--timeout-ms=1.5"], '--timeout-ms must be an integer of at least 1, got "1.5"'],
      [["create", "--rows", file, "--format", "xlsx"], '--format must be one of "csv", "json", got "xlsx"'],
      [["create", "--rows", file, "--dry-run=yes"], '--dry-run takes no value, got "yes"'],
      [["create", "--rows"], "--rows needs a value"],
      [["create", "--rows", file, "--rows", file], "--rows is given more than once"],
      [["create"], "--rows is missing; give the CSV or JSON file of rows to create"],
      [["delete"], 'unknown command "delete"; the only command is create'],
      [["create", "--rows", "rows.xlsx"], '--rows "rows.xlsx" has the extension ".xlsx", so its format is unknown; name it .csv, .tsv, .txt or .json, or give --format csv or --format json'],
      [["create", "--rows", file, "--catalog", "HR"], '--catalog: catalogId must be the catalog\'s id, a GUID like 8-4-4-4-12 hex digits, got "HR", which looks like a catalog name'],
      [["create", "--rows", file, "--results", directory], `--results ${JSON.stringify(directory)} is a directory; give a file name such as results.csv`],
      [["create", "--rows", file, "--results", file], `--results must differ from --rows, got ${JSON.stringify(file)} for both`],
      [["create", "--rows", file, "--base-url", "http://example.com/graph?x=1"], '--base-url: error invalid_base_url: options.baseUrl must be an origin without a query or fragment, got "http://example.com/graph?x=1"'],
    ];
    const runs = await Promise.all(cases.map(([args]) => runCli(args)));

    cases.forEach(([args, message], index) => {
      assert.equal(runs[index].code, 2, args.join(" "));
      assert.equal(runs[index].stderr, `graph-access-package: ${message}\n`, args.join(" "));
    });
    assert.equal((await state()).creates, 0);
  });

  test("missing token exits 2", async () => {
    const file = await rowsFile(`displayName,catalogId\nNo token,${SALES}\n`);

    const run = await runCli(create(file), { env: { GRAPH_ACCESS_TOKEN: " " } });

    assert.equal(run.code, 2);
    assert.match(run.stderr, /^graph-access-package: GRAPH_ACCESS_TOKEN is not set; /);
  });

  test("missing rows file exits 2", async () => {
    const file = path.join(directory, "absent.csv");

    const run = await runCli(create(file));

    assert.equal(run.code, 2);
    assert.ok(run.stderr.startsWith(`graph-access-package: --rows "${file}" could not be read: ENOENT`));
  });

  test("help exits 0", async () => {
    const run = await runCli(["create", "--help"]);

    assert.equal(run.code, 0);
    assert.ok(run.stdout.startsWith("Usage: graph-access-package create --rows FILE"));
    assert.ok(run.stdout.includes("GRAPH_ACCESS_TOKEN"));
  });
});

/**
 * Starts a forward proxy on 127.0.0.1 that records each request and CONNECT tunnel it serves,
 * and refuses any target that is not on 127.0.0.1, so that no test traffic leaves the machine.
 */
async function startRecordingProxy() {
  const seen = [];
  const server = http.createServer((request, response) => {
    const target = new URL(request.url);
    seen.push(`${request.method} ${target.host}`);
    if (target.hostname !== "127.0.0.1") {
      response.writeHead(403).end();
      return;
    }
    const upstream = http.request(target, { method: request.method, headers: request.headers });
    upstream.on("response", (answer) => {
      response.writeHead(answer.statusCode, answer.headers);
      answer.pipe(response);
    });
    upstream.on("error", () => response.destroy());
    request.pipe(upstream);
  });
  server.on("connect", (request, socket, head) => {
    seen.push(`CONNECT ${request.url}`);
    const { hostname, port } = new URL(`http://${request.url}`);
    if (hostname !== "127.0.0.1") {
      socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    const upstream = net.connect(Number(port), hostname, () => {
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

describe("proxy variables", () => {
  let httpProxy;
  let httpsProxy;

  before(async () => {
    httpProxy = await startRecordingProxy();
    httpsProxy = await startRecordingProxy();
  });

  after(async () => {
    await httpProxy?.close();
    await httpsProxy?.close();
  });

  beforeEach(() => {
    httpProxy.seen.length = 0;
    httpsProxy.seen.length = 0;
  });

  async function createThrough(env, name = "Proxied") {
    const file = await rowsFile(`displayName,catalogId\n${name},${SALES}\n`);
    const run = await runCli(create(file), { env });
    assert.equal(run.code, 0, run.stderr);
    assert.ok((await storedNames()).includes(name), `${name} was not created`);
    return run;
  }

  function assertThrough(proxy) {
    const host = new URL(emulator.apiUrl).host;
    assert.ok(proxy.seen.length > 0, "the proxy forwarded nothing");
    for (const entry of proxy.seen) {
      assert.ok(entry.endsWith(` ${host}`), `the proxy forwarded ${entry}`);
    }
  }

  test("http URL goes through HTTP_PROXY", async () => {
    await createThrough({ HTTP_PROXY: httpProxy.url, HTTPS_PROXY: httpsProxy.url });

    assertThrough(httpProxy);
    assert.deepEqual(httpsProxy.seen, []);
  });

  test("lower-case http_proxy wins", async () => {
    await createThrough({ http_proxy: httpProxy.url, HTTP_PROXY: httpsProxy.url });

    assertThrough(httpProxy);
    assert.deepEqual(httpsProxy.seen, []);
  });

  test("HTTPS_PROXY alone leaves http direct", async () => {
    await createThrough({ HTTPS_PROXY: httpsProxy.url });

    assert.deepEqual(httpsProxy.seen, []);
    assert.deepEqual(httpProxy.seen, []);
  });

  test("NO_PROXY entries that match go direct", async () => {
    const port = new URL(emulator.apiUrl).port;
    const cases = [
      { NO_PROXY: "127.0.0.1" },
      { NO_PROXY: `127.0.0.1:${port}` },
      { NO_PROXY: "localhost, .example.com ,127.0.0.1" },
      { NO_PROXY: "*" },
      { no_proxy: "127.0.0.1", NO_PROXY: "example.com" },
    ];

    // Each case creates its own name, so the runs can share the emulator at once.
    await Promise.all(
      cases.map((env, index) => createThrough({ HTTP_PROXY: httpProxy.url, ...env }, `Direct ${index}`)),
    );

    assert.deepEqual(httpProxy.seen, []);
  });

  test("NO_PROXY entries that differ still proxy", async () => {
    for (const env of [{ NO_PROXY: "127.0.0.1:1" }, { NO_PROXY: ".example.com,localhost" }]) {
      emulator.reset();
      httpProxy.seen.length = 0;
      await createThrough({ HTTP_PROXY: httpProxy.url, ...env });

      assertThrough(httpProxy);
    }
  });

  test("proxy that is not a URL exits 2", async () => {
    const file = await rowsFile(`displayName,catalogId\nBad proxy,${SALES}\n`);

    const run = await runCli(create(file), { env: { HTTPS_PROXY: "ftp://user:secret@proxy:21" } });

    assert.equal(run.code, 2);
    assert.equal(
      run.stderr,
      "graph-access-package: HTTPS_PROXY must be an http:// or https:// URL such as " +
        'http://proxy.example.com:8080, got "ftp://<credentials hidden>@proxy:21"\n',
    );
    assert.equal((await state()).creates, 0);
  });
});

describe("progress display", () => {
  const counts = { done: 1, total: 4, created: 1, exists: 0, failed: 0, invalid: 0, notSent: 0 };
  const idle = { ...counts, waiting: 0, waitSeconds: 0 };

  function recorder() {
    const writes = [];
    return { writes, write: (text) => writes.push(text) };
  }

  test("TTY rewrites one line in place", () => {
    const stream = recorder();
    const display = createProgressDisplay({ stream, isTTY: true });

    display.update(idle);
    display.update({ ...idle, done: 3, created: 2, failed: 1 });
    display.finish();

    assert.deepEqual(stream.writes, [
      "\r1/4 rows done: 1 created, 0 exists, 0 failed\x1b[K",
      "\r3/4 rows done: 2 created, 0 exists, 1 failed\x1b[K",
      "\n",
    ]);
  });

  test("TTY line shows throttling wait", () => {
    const stream = recorder();
    const display = createProgressDisplay({ stream, isTTY: true });

    display.update({ ...idle, waiting: 2, waitSeconds: 30 });
    display.finish();

    assert.equal(
      stream.writes[0],
      "\r1/4 rows done: 1 created, 0 exists, 0 failed; 2 waiting after throttling or a lost " +
        "response, next try in 30 s\x1b[K",
    );
  });

  test("plain lines are held between intervals", () => {
    const stream = recorder();
    let time = 0;
    const display = createProgressDisplay({ stream, isTTY: false, intervalMs: 1000, now: () => time });

    display.update(idle);
    time = 10;
    display.update({ ...idle, done: 2, created: 2 });
    time = 20;
    display.update({ ...idle, done: 3, created: 3 });
    time = 1500;
    display.update({ ...idle, done: 4, created: 3, invalid: 1 });
    display.finish();

    assert.deepEqual(stream.writes, [
      "1/4 rows done: 1 created, 0 exists, 0 failed\n",
      "4/4 rows done: 3 created, 0 exists, 0 failed, 1 invalid\n",
    ]);
  });

  test("finish writes the held line", () => {
    const stream = recorder();
    let time = 0;
    const display = createProgressDisplay({ stream, isTTY: false, intervalMs: 1000, now: () => time });

    display.update(idle);
    time = 10;
    display.update({ ...idle, done: 4, created: 4 });
    display.finish();

    assert.deepEqual(stream.writes, [
      "1/4 rows done: 1 created, 0 exists, 0 failed\n",
      "4/4 rows done: 4 created, 0 exists, 0 failed\n",
    ]);
  });
});
