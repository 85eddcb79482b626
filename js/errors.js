// The error class of the package. scripts/build.sh also writes this file as CommonJS
// (errors.cjs), so it has no imports and one export.

/**
 * The error thrown for a bad argument or option, such as `{ apiVersion: "v2" }`. Bad input
 * gets problems instead. `code` is a stable snake_case identifier such as `invalid_option` or
 * `invalid_api_version`.
 *
 * The wasm module throws plain `Error` objects with this `name` and a `code`, and Node loads
 * this file once as ESM and once as CommonJS. So `instanceof` checks the name and the code
 * rather than the prototype, and holds for every error that the package creates.
 */
export class GraphAccessPackageError extends Error {
  /**
   * @param {string} code the stable identifier, such as "invalid_option"
   * @param {string} message one sentence naming the argument, what was expected and what was found
   * @param {ErrorOptions} [options] the `cause`, if any
   */
  constructor(code, message, options) {
    super(message, options);
    this.name = "GraphAccessPackageError";
    this.code = code;
  }

  static [Symbol.hasInstance](value) {
    if (this !== GraphAccessPackageError) {
      return Function.prototype[Symbol.hasInstance].call(this, value);
    }
    return (
      value instanceof Error &&
      value.name === "GraphAccessPackageError" &&
      typeof value.code === "string"
    );
  }
}
