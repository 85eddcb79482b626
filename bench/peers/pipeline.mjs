// The peer pipeline of the bulk case: papaparse, one validator per row, then $batch bodies.
import Papa from "papaparse";

import { BATCH_SIZE } from "../lib/inputs.mjs";
import { CREATE_PATH } from "./rules.mjs";

/** Parses CSV text into row objects; isHidden "true" and "false" become booleans. */
export function parseRows(text) {
  return Papa.parse(text, {
    header: true,
    skipEmptyLines: true,
    dynamicTyping: { isHidden: true },
  });
}

/**
 * Parses `text`, validates every row with `peer`, and serializes the valid rows as
 * `$batch` bodies of `BATCH_SIZE` requests. Returns the bodies and the rows that failed.
 */
export function buildBatchBodies(text, peer) {
  const parsed = parseRows(text);
  const bodies = [];
  const failed = [];
  let requests = [];
  for (let row = 0; row < parsed.data.length; row++) {
    const built = peer.buildBody(parsed.data[row]);
    if (!built.valid) {
      failed.push({ row, problems: built.problems });
      continue;
    }
    requests.push({
      id: String(requests.length),
      method: "POST",
      url: CREATE_PATH,
      headers: { "Content-Type": "application/json" },
      body: built.body,
    });
    if (requests.length === BATCH_SIZE) {
      bodies.push(JSON.stringify({ requests }));
      requests = [];
    }
  }
  if (requests.length > 0) {
    bodies.push(JSON.stringify({ requests }));
  }
  return { bodies, failed, parseErrors: parsed.errors };
}
