// The command line's arguments: the flags of `create`, their checks and the help text.

import path from "node:path";

/** The environment variable that contains the access token. */
export const TOKEN_VARIABLE = "GRAPH_ACCESS_TOKEN";

const API_VERSIONS = ["v1.0", "beta"];
const CLOUDS = ["global", "usGovernment", "usGovernmentDod", "china"];
const FORMATS = ["csv", "json"];

/** Rows formats by file extension, compared in lower case. */
const FORMATS_BY_EXTENSION = { ".csv": "csv", ".tsv": "csv", ".txt": "csv", ".json": "json" };

/** The flags of `create`: the setting each one fills and how its value is read. */
const FLAGS = {
  "--rows": { key: "rowsPath", read: readText },
  "--format": { key: "format", read: oneOf(FORMATS) },
  "--catalog": { key: "catalogId", read: readText },
  "--api-version": { key: "apiVersion", read: oneOf(API_VERSIONS) },
  "--cloud": { key: "cloud", read: oneOf(CLOUDS) },
  "--base-url": { key: "baseUrl", read: readText },
  "--results": { key: "resultsPath", read: readText },
  "--concurrency": { key: "concurrency", read: integerOfAtLeast(1) },
  "--max-tries": { key: "maxTries", read: integerOfAtLeast(1) },
  "--timeout-ms": { key: "timeoutMs", read: integerOfAtLeast(1) },
  "--dry-run": { key: "dryRun", boolean: true },
  "--help": { key: "help", boolean: true },
};

/** Flags that would put the token in the shell's history and the process list. */
const TOKEN_FLAGS = new Set(["--token", "--access-token"]);

export const HELP = `Usage: graph-access-package create --rows FILE [flags]

Creates Microsoft Entra access packages from the rows of a CSV or JSON file through Microsoft
Graph's JSON batching. Every row is checked first; rows with errors are never sent. Names that
are already in their catalog are reported as "exists" and not created again, so a run can be
repeated safely.

The access token is read from the ${TOKEN_VARIABLE} environment variable, never from a flag.

Flags:
  --rows FILE          the rows file (required): CSV with a header line of field names, or a
                       JSON array of access packages; CSV may be delimited by commas,
                       semicolons or tabs, and UTF-8, UTF-16 with a byte-order mark or
                       Windows-1252
  --format csv|json    the rows format; by default from the extension: .csv, .tsv and .txt
                       are CSV, .json is JSON
  --catalog ID         the catalog id (a GUID) of the rows that name no catalog
  --api-version V      v1.0 (default) or beta
  --cloud NAME         global (default), usGovernment, usGovernmentDod or china
  --base-url URL       an origin that replaces the cloud's Graph host, such as a local
                       emulator's; https unless it is a loopback address
  --results FILE       where the results CSV goes; by default beside the rows file, with
                       .results.csv in place of its extension
  --concurrency N      the most $batch requests in flight at once (default 4)
  --max-tries N        the most times one row is sent (default 5)
  --timeout-ms N       the time limit of one request, in milliseconds (default 30000)
  --dry-run            check the rows and print the $batch requests, with the token hidden,
                       without sending anything or writing the results file
  -h, --help           print this help

Environment:
  ${TOKEN_VARIABLE}   the access token, with or without "Bearer "; required unless --dry-run
  HTTPS_PROXY, HTTP_PROXY, NO_PROXY (or in lower case, which wins)
                       the proxy of https and of http URLs, and the hosts reached directly:
                       names, .domain suffixes, host:port, or * for all; https URLs use
                       HTTP_PROXY when HTTPS_PROXY is not set

Rows count from 0, the first record after the header. The results CSV has one line per row:
row, status (created, exists, invalid, failed or not_sent), id, code, message, hint,
requestId, date and tries. Ctrl+C stops sending; the rows not sent are listed as not_sent.

Exit status: 0 when every row was created or already existed (with --dry-run: when no row has
errors), 1 when any row was invalid, failed or was not sent, 2 for a usage error.
`;

/** A bad command line: the message names the flag or variable, its value and what is expected. */
export class UsageError extends Error {
  constructor(message) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * Reads the command line after the program name. Returns `{ help: true }` for --help, or the
 * settings of `create` with defaults filled in. Throws a UsageError for anything else.
 */
export function parseArguments(args) {
  if (args.length === 0) {
    throw new UsageError("a command is missing; the only command is create");
  }
  if (args[0] === "--help" || args[0] === "-h") {
    return { help: true };
  }
  if (args[0] !== "create") {
    throw new UsageError(`unknown command ${quote(args[0])}; the only command is create`);
  }

  const settings = readFlags(args.slice(1));
  if (settings.help) {
    return { help: true };
  }
  return completeSettings(settings);
}

function readFlags(args) {
  const settings = {};
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    const equals = arg.indexOf("=");
    const name = arg.startsWith("--") && equals > 0 ? arg.slice(0, equals) : arg;
    const inlineValue = name === arg ? undefined : arg.slice(equals + 1);
    const flag = FLAGS[name === "-h" ? "--help" : name];

    if (TOKEN_FLAGS.has(name)) {
      throw new UsageError(
        `${name} is not accepted, because a token in the command line is saved in the shell's ` +
          `history and shown in the process list; set the ${TOKEN_VARIABLE} environment variable`,
      );
    }
    if (flag === undefined) {
      const kind = arg.startsWith("-") ? "unknown flag" : "unexpected argument";
      throw new UsageError(`${kind} ${quote(arg)}; run graph-access-package --help for the flags`);
    }
    if (settings[flag.key] !== undefined) {
      throw new UsageError(`${name} is given more than once`);
    }

    if (flag.boolean) {
      if (inlineValue !== undefined) {
        throw new UsageError(`${name} takes no value, got ${quote(inlineValue)}`);
      }
      settings[flag.key] = true;
      continue;
    }
    let value = inlineValue;
    if (value === undefined) {
      value = args[index + 1];
      if (value === undefined || value.startsWith("--")) {
        throw new UsageError(`${name} needs a value`);
      }
      index += 1;
    }
    settings[flag.key] = flag.read(name, value);
  }
  return settings;
}

function completeSettings(settings) {
  if (settings.rowsPath === undefined) {
    throw new UsageError("--rows is missing; give the CSV or JSON file of rows to create");
  }
  const format = settings.format ?? formatFromExtension(settings.rowsPath);
  const resultsPath = settings.resultsPath ?? defaultResultsPath(settings.rowsPath);
  if (path.resolve(resultsPath) === path.resolve(settings.rowsPath)) {
    throw new UsageError(`--results must differ from --rows, got ${quote(resultsPath)} for both`);
  }
  return {
    ...settings,
    format,
    resultsPath,
    apiVersion: settings.apiVersion ?? "v1.0",
    dryRun: settings.dryRun ?? false,
  };
}

function formatFromExtension(rowsPath) {
  const extension = path.extname(rowsPath).toLowerCase();
  const format = FORMATS_BY_EXTENSION[extension];
  if (format === undefined) {
    const shown = extension === "" ? "no extension" : `the extension ${quote(extension)}`;
    throw new UsageError(
      `--rows ${quote(rowsPath)} has ${shown}, so its format is unknown; ` +
        "name it .csv, .tsv, .txt or .json, or give --format csv or --format json",
    );
  }
  return format;
}

/** Returns the rows file's path with `.results.csv` in place of its extension. */
export function defaultResultsPath(rowsPath) {
  const extension = path.extname(rowsPath);
  const stem = extension === "" ? rowsPath : rowsPath.slice(0, -extension.length);
  return `${stem}.results.csv`;
}

function readText(name, value) {
  if (value.trim() === "") {
    throw new UsageError(`${name} must not be blank, got ${quote(value)}`);
  }
  return value;
}

function oneOf(allowed) {
  return (name, value) => {
    if (!allowed.includes(value)) {
      const choices = allowed.map(quote).join(", ");
      throw new UsageError(`${name} must be one of ${choices}, got ${quote(value)}`);
    }
    return value;
  };
}

function integerOfAtLeast(min) {
  return (name, value) => {
    const number = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(number) || number < min) {
      throw new UsageError(`${name} must be an integer of at least ${min}, got ${quote(value)}`);
    }
    return number;
  };
}

function quote(value) {
  return JSON.stringify(value);
}
