// Cases 1 and 2, one package per call, timed in Node or a browser page against one library.
import { stringRoundTripFloor, stringifyFloor } from "../peers/floors.mjs";
import { PEERS } from "../peers/index.mjs";
import { measureCall } from "./harness.mjs";
import { INVALID_PACKAGE, INVALID_PROBLEM_COUNT, VALID_PACKAGE } from "./inputs.mjs";

const OPTIONS = {};

function assert(condition, message) {
  if (!condition) {
    throw new Error(`benchmark check failed: ${message}`);
  }
}

function row(caseName, implementation, kind, timing) {
  return { case: caseName, implementation, kind, ...timing };
}

function checkPerCallResults(lib) {
  assert(lib.validateAccessPackage(VALID_PACKAGE, OPTIONS).valid, "the library rejects case 1");
  const built = lib.buildCreateAccessPackageRequest(VALID_PACKAGE, OPTIONS);
  assert(built.valid, "the library rejects case 1 when building");
  assert(typeof built.request.body === "string", "the library builds no body text");
  const invalid = lib.validateAccessPackage(INVALID_PACKAGE, OPTIONS);
  assert(
    invalid.problems.length === INVALID_PROBLEM_COUNT,
    `the library finds ${invalid.problems.length} problems in case 2`,
  );
  for (const peer of PEERS) {
    assert(peer.validate(VALID_PACKAGE).valid, `${peer.name} rejects case 1`);
    const body = JSON.stringify(peer.buildBody(VALID_PACKAGE).body);
    assert(body === built.request.body, `${peer.name} builds ${body}, not the library's body`);
    const problems = peer.validate(INVALID_PACKAGE).problems;
    assert(
      problems.length === INVALID_PROBLEM_COUNT,
      `${peer.name} finds ${problems.length} problems in case 2`,
    );
  }
}

/** Times cases 1 and 2: one package per call. */
export function runPerCallCases(lib, settings) {
  checkPerCallResults(lib);
  const results = [];
  const time = (caseName, implementation, kind, fn) =>
    results.push(row(caseName, implementation, kind, measureCall(fn, settings)));

  const validCase = "1. valid package, validate";
  time(validCase, "validateAccessPackage", "library", () =>
    lib.validateAccessPackage(VALID_PACKAGE, OPTIONS),
  );
  for (const peer of PEERS) {
    time(validCase, peer.name, "peer", () => peer.validate(VALID_PACKAGE));
  }

  const buildCase = "1. valid package, build body";
  time(buildCase, "buildCreateAccessPackageRequest", "library", () =>
    lib.buildCreateAccessPackageRequest(VALID_PACKAGE, OPTIONS),
  );
  for (const peer of PEERS) {
    time(buildCase, `${peer.name} + JSON.stringify`, "peer", () =>
      JSON.stringify(peer.buildBody(VALID_PACKAGE).body),
    );
  }
  time(buildCase, "floor: JSON.stringify(input)", "floor", () => stringifyFloor(VALID_PACKAGE));
  time(buildCase, "floor: JSON.stringify + encode + decode", "floor", () =>
    stringRoundTripFloor(VALID_PACKAGE),
  );

  const invalidCase = "2. three problems, validate";
  time(invalidCase, "validateAccessPackage", "library", () =>
    lib.validateAccessPackage(INVALID_PACKAGE, OPTIONS),
  );
  for (const peer of PEERS) {
    time(invalidCase, peer.name, "peer", () => peer.validate(INVALID_PACKAGE));
  }
  return results;
}
