// The command line of bench/run.mjs: which parts to run, and the load test's size.

/**
 * The benchmark's parts, in the order `npm run bench` runs them. `--only` takes all but the
 * first, whose tables come out only as part of the whole page.
 */
export const PARTS = ["validation", "bulk-create", "load"];
const SINGLE_PARTS = PARTS.slice(1);

/** The load test's size when the command line does not set it. */
export const LOAD_DEFAULTS = Object.freeze({ clients: 50, seconds: 60 });

export const USAGE = [
  "Usage: npm run bench -- [--only PART] [--clients N] [--seconds S]",
  "",
  `  --only PART    run one part: ${SINGLE_PARTS.join(" or ")}; repeat it for both. Its tables`,
  "                 are printed and docs/benchmarks.md is left as it is, since the page",
  "                 holds one whole run. Without --only every part runs and the page is",
  "                 written.",
  `  --clients N    load test clients (default ${LOAD_DEFAULTS.clients})`,
  `  --seconds S    load test duration in seconds (default ${LOAD_DEFAULTS.seconds})`,
].join("\n");

/** An invalid command line, with a message that names the fix. */
export class UsageError extends Error {
  name = "UsageError";
}

/**
 * Reads `args` (process.argv after the script). Returns `{ help: true }` for --help, else
 * `{ parts, whole, clients, seconds }`, where `whole` is true when every part runs. Throws
 * UsageError for an unknown argument or an invalid value.
 */
export function parseArguments(args) {
  const only = new Set();
  const load = { ...LOAD_DEFAULTS };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === "--help" || arg === "-h") {
      return { help: true };
    }
    if (!["--only", "--clients", "--seconds"].includes(arg)) {
      throw new UsageError(`unknown argument '${arg}'; run with --help to list the flags`);
    }
    const value = args[++i];
    if (value === undefined) {
      throw new UsageError(`${arg} needs a value`);
    }
    if (arg === "--only") {
      only.add(readPart(value));
    } else {
      load[arg.slice(2)] = readPositiveInteger(arg, value);
    }
  }
  const parts = only.size === 0 ? PARTS : PARTS.filter((part) => only.has(part));
  return { parts, whole: parts.length === PARTS.length, ...load };
}

function readPart(value) {
  if (!SINGLE_PARTS.includes(value)) {
    throw new UsageError(`--only must be ${SINGLE_PARTS.join(" or ")}, got '${value}'`);
  }
  return value;
}

function readPositiveInteger(flag, value) {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new UsageError(`${flag} must be a whole number of at least 1, got '${value}'`);
  }
  return number;
}
