#!/usr/bin/env node
// The command line: `graph-access-package create --rows FILE ...` checks a file of rows and
// creates the access packages through runBulkCreate. Run it with --help for the flags.

import { constants } from "node:fs";
import { access, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";

import { HELP, TOKEN_VARIABLE, UsageError, parseArguments } from "./cli-args.mjs";
import { createProgressDisplay } from "./cli-progress.mjs";
import { createProxyFetch, readProxySettings } from "./cli-proxy.mjs";
import {
  createRedactor,
  describeResults,
  formatBatch,
  formatFailures,
  formatProblem,
} from "./cli-report.mjs";
import { collectProblems, explainBlockedRows, prepareRows } from "./cli-rows.mjs";
import { ENCODING_LABELS, decodeFileBytes } from "./decode.js";
import { formatResultsCsv } from "./results-csv.js";

/** Exit statuses: every row created or already there, some row not, and a bad command line. */
const EXIT_OK = 0;
const EXIT_ROWS_FAILED = 1;
const EXIT_USAGE = 2;

/** An id in the GUID shape, used to check options apart from any row. */
const SAMPLE_CATALOG_ID = "00000000-0000-0000-0000-000000000001";

/**
 * Runs the command line with `args` (after the program name) and `env`, printing to `out` and
 * `err`, and resolves with the exit status.
 */
async function main(args, env, out, err) {
  const redact = createRedactor(env[TOKEN_VARIABLE]);
  const print = (stream, text) => stream.write(`${redact(text)}\n`);
  try {
    const settings = parseArguments(args);
    if (settings.help) {
      out.write(HELP);
      return EXIT_OK;
    }
    return await create(settings, env, { out, err, print, redact });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    print(err, `graph-access-package: ${error.message}`);
    return EXIT_USAGE;
  }
}

async function create(settings, env, io) {
  const { out, err, print } = io;
  const accessToken = env[TOKEN_VARIABLE];
  const hasToken = accessToken !== undefined && accessToken.trim() !== "";
  if (!hasToken && !settings.dryRun) {
    throw new UsageError(
      `${TOKEN_VARIABLE} is not set; set it to an access token for Microsoft Graph with ` +
        "EntitlementManagement.ReadWrite.All, or give --dry-run to send nothing",
    );
  }
  if (!settings.dryRun) {
    readProxySettings(env);
    await requireWritableResults(settings.resultsPath);
  }

  const library = await import("./node.mjs");
  const options = { apiVersion: settings.apiVersion };
  if (settings.cloud !== undefined) options.cloud = settings.cloud;
  if (settings.baseUrl !== undefined) options.baseUrl = settings.baseUrl;
  if (hasToken) options.accessToken = accessToken;
  checkOptions(library, options, settings.catalogId, io);

  const { text, encoding } = decodeFileBytes(await readRowsFile(settings.rowsPath));
  const parsed = library.parseAccessPackageRows(text, { format: settings.format });
  const prepared = prepareRows(parsed, settings.catalogId);
  const built = library.buildBatchRequests(prepared.inputs, options);
  const check = collectProblems(library, parsed, prepared, built, options);

  const rowCount = parsed.rows.length;
  const format = settings.format.toUpperCase();
  const read = `Read ${settings.rowsPath} as ${format} in ${ENCODING_LABELS[encoding]}`;
  print(out, `${read}: ${plural(rowCount, "row")}.`);
  printProblems(check, io);

  if (check.fileProblems.some((problem) => problem.severity === "error")) {
    print(err, "Nothing was sent, because the rows may have been read wrongly. Fix the file first.");
    return EXIT_ROWS_FAILED;
  }
  if (settings.dryRun) {
    return printDryRun(built, rowCount, check, hasToken, io);
  }
  return send(library, prepared, { settings, options, env, built }, io);
}

// Throws a UsageError for an option that the library rejects, naming its flag or variable,
// and prints the option warnings, such as a token that has expired.
function checkOptions(library, options, catalogId, io) {
  const sample = { displayName: "check", catalogId: catalogId ?? SAMPLE_CATALOG_ID };
  let validation;
  try {
    validation = library.validateAccessPackage(sample, options);
  } catch (error) {
    throw new UsageError(error.message);
  }
  for (const problem of validation.problems) {
    if (problem.path.startsWith("options.")) {
      if (problem.severity === "error") throw new UsageError(formatProblem(problem));
      io.print(io.err, formatProblem(problem));
    } else if (problem.path.startsWith("catalog") && problem.severity === "error") {
      throw new UsageError(`--catalog: ${problem.message}`);
    }
  }
}

async function readRowsFile(rowsPath) {
  try {
    return await readFile(rowsPath);
  } catch (error) {
    throw new UsageError(`--rows ${JSON.stringify(rowsPath)} could not be read: ${error.message}`);
  }
}

// Checks before anything is sent that the results file can be written at the end.
async function requireWritableResults(resultsPath) {
  const shown = JSON.stringify(resultsPath);
  const existing = await stat(resultsPath).catch(() => undefined);
  if (existing?.isDirectory()) {
    throw new UsageError(`--results ${shown} is a directory; give a file name such as results.csv`);
  }
  try {
    await access(path.dirname(path.resolve(resultsPath)), constants.W_OK);
  } catch (error) {
    throw new UsageError(`--results ${shown} cannot be written: ${error.message}`);
  }
}

function printProblems(check, { err, print }) {
  const problems = [...check.fileProblems, ...check.rowProblems];
  if (problems.length === 0) return;
  print(err, `${plural(problems.length, "problem")} by row and column (rows count from 0):`);
  for (const problem of problems) {
    print(err, `  ${formatProblem(problem)}`);
  }
  if (check.errorRows.length > 0) {
    const rows = plural(check.errorRows.length, "row");
    print(err, `${rows} with errors will not be sent.`);
  }
}

function printDryRun(built, rowCount, check, hasToken, { out, print }) {
  const { batches } = built;
  batches.forEach((batch, index) => print(out, formatBatch(batch, index, batches.length)));
  if (!hasToken) {
    print(out, `${TOKEN_VARIABLE} is not set, so these requests have no Authorization header.`);
  }
  const sendable = batches.reduce((sum, batch) => sum + batch.rows.length, 0);
  print(
    out,
    `Dry run: ${plural(rowCount, "row")}, ${sendable} would be sent in ` +
      `${plural(batches.length, "$batch request")}, ${check.errorRows.length} with errors. ` +
      "Nothing was sent.",
  );
  return check.errorRows.length === 0 ? EXIT_OK : EXIT_ROWS_FAILED;
}

async function send(library, prepared, run, io) {
  const { settings, options, env } = run;
  const { out, err, print, redact } = io;
  const proxy = await createProxyFetch(env);
  const controller = new AbortController();
  let interrupts = 0;
  const onInterrupt = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    controller.abort();
    print(
      err,
      "\nCancelling: no more rows are sent. Press Ctrl+C again to quit at once, " +
        "without writing the results file.",
    );
  };
  process.on("SIGINT", onInterrupt);

  const display = createProgressDisplay({ stream: out, isTTY: out.isTTY === true, redact });
  const runOptions = { ...options, signal: controller.signal, onProgress: display.update };
  for (const key of ["concurrency", "maxTries", "timeoutMs"]) {
    if (settings[key] !== undefined) runOptions[key] = settings[key];
  }
  if (proxy !== undefined) runOptions.fetch = proxy.fetch;

  const { batches } = run.built;
  if (batches.length > 0) {
    const count = batches.reduce((sum, batch) => sum + batch.rows.length, 0);
    const plan = `${plural(count, "row")} in ${plural(batches.length, "$batch request")}`;
    print(out, `Sending ${plan} to ${batches[0].request.url}`);
  }
  let results;
  try {
    results = await library.runBulkCreate(prepared.inputs, runOptions);
  } finally {
    display.finish();
    process.off("SIGINT", onInterrupt);
    await proxy?.close();
  }
  explainBlockedRows(results, prepared.blockedRows);

  await writeFile(settings.resultsPath, redact(formatResultsCsv(results)));
  for (const line of formatFailures(results)) print(err, line);
  const cancelled = controller.signal.aborted ? "Cancelled" : "Done";
  print(out, `${cancelled}: ${describeResults(results)}.`);
  print(out, `Results: ${settings.resultsPath}`);
  const allDone = results.every((result) => result.status === "created" || result.status === "exists");
  return allDone ? EXIT_OK : EXIT_ROWS_FAILED;
}

function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

try {
  process.exitCode = await main(process.argv.slice(2), process.env, process.stdout, process.stderr);
} catch (error) {
  const redact = createRedactor(process.env[TOKEN_VARIABLE]);
  process.stderr.write(`graph-access-package: failed: ${redact(String(error?.stack ?? error))}\n`);
  process.exitCode = EXIT_ROWS_FAILED;
}
