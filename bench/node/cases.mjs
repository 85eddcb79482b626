// Runs cases 1 to 3 in this Node process against pkg/node.mjs and prints the rows as JSON.
import * as lib from "../../pkg/node.mjs";
import { runBulkCase } from "../lib/bulk.mjs";
import { sinkValue } from "../lib/harness.mjs";
import { runPerCallCases } from "../lib/single-calls.mjs";

const rows = [...runPerCallCases(lib, {}), ...runBulkCase(lib, {})];
process.stdout.write(JSON.stringify({ rows, sink: sinkValue() }));
