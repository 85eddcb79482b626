// Floors: what any call costs that takes the input and returns JSON text, with no rules.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Serializes the input, the least that building a request body can cost. */
export function stringifyFloor(input) {
  return JSON.stringify(input);
}

/**
 * Serializes the input and copies it to UTF-8 bytes and back: what a wasm export that
 * takes a string and returns one pays at the boundary. The package has no such export, so
 * this function takes its place without entering wasm.
 */
export function stringRoundTripFloor(input) {
  return decoder.decode(encoder.encode(JSON.stringify(input)));
}
