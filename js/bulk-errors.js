// The GraphErrors the bulk runner reports for what it finds itself, and its argument errors.
import { GraphAccessPackageError } from "./errors.js";

export function clientError(code, message, { status = 0, hint, retryable = false } = {}) {
  const error = { status, code, message };
  if (hint !== undefined) error.hint = hint;
  error.retryable = retryable;
  return error;
}

const LOOK_UP_HINT =
  "The create may have been stored, so look the package up by name before sending it again";

export function timeoutError(timeoutMs) {
  const message = `no response came from Graph within ${timeoutMs} ms`;
  return clientError("timeout", message, { hint: LOOK_UP_HINT, retryable: true });
}

// Node's fetch puts the socket error in `cause`. Its message describes what happened ("other side
// closed") and its code (UND_ERR_SOCKET, ECONNREFUSED) is what to search for, so both are shown.
export function networkError(cause) {
  const reason = cause?.cause ?? cause;
  const text = reason?.message || String(reason);
  const code = reason?.code;
  const detail = code === undefined || text.includes(code) ? text : `${text} (${code})`;
  const message = `no response came from Graph: ${detail}`;
  return clientError("network_error", message, { hint: LOOK_UP_HINT, retryable: true });
}

export function abortedError() {
  const message = "the run was cancelled while the request was in flight";
  return clientError("aborted", message, { hint: LOOK_UP_HINT });
}

export function cancelledError() {
  const hint = "Run the same rows again to send the rows that were not sent";
  return clientError("cancelled", "the run was cancelled before this row was sent", { hint });
}

export function argumentError(code, message) {
  return new GraphAccessPackageError(code, message);
}
