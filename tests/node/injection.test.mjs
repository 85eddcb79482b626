// Caller text in every place the built package puts it into a URL or a header: the token, the
// client-request-id, catalog and policy ids, the lookup's display name and baseUrl. Each value
// is either rejected with its exact code, path and message, or sent in a form that cannot
// change the request (the exact URL and headers are asserted).
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  buildAccessPackageLookupRequest,
  buildBatchRequests,
  buildCreateAccessPackageRequest,
  validateAccessPackage,
} from "../../pkg/node.mjs";

const SALES = "66584aae-98bb-48cc-9458-7bee5d2a6577";
const POLICY = "9e8a5b2c-1f3d-4c6e-8a7b-0d1e2f3a4b5c";
const CREATE_PATH = "/v1.0/identityGovernance/entitlementManagement/accessPackages";
const GRAPH = "https://graph.microsoft.com";
const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PACKAGE = { displayName: "sales reps", catalogId: SALES };

function build(options, input = PACKAGE) {
  return buildCreateAccessPackageRequest(input, options);
}

function errors(result) {
  return result.problems.filter((problem) => problem.severity === "error");
}

// Asserts that `result` has exactly one error, with this path, code and message.
function assertOneError(result, { path, code, message }, label) {
  assert.equal(result.valid, false, label);
  assert.equal(result.request, undefined, label);
  const [problem, ...others] = errors(result);
  assert.deepEqual(others, [], label);
  assert.equal(problem.path, path, label);
  assert.equal(problem.code, code, label);
  if (message !== undefined) assert.equal(problem.message, message, label);
}

// Asserts that the lookup builder throws the library's Error with this code, path and message.
function assertLookupThrows(displayName, catalogId, options, { path, code, message }) {
  const label = `${JSON.stringify(displayName)} in ${JSON.stringify(catalogId)}`;
  assert.throws(
    () => buildAccessPackageLookupRequest(displayName, catalogId, options),
    (error) => {
      assert.ok(error instanceof Error, label);
      assert.equal(error.name, "GraphAccessPackageError", label);
      assert.equal(error.code, code, label);
      assert.equal(error.path, path, label);
      if (message !== undefined) assert.equal(error.message, message, label);
      return true;
    },
  );
}

// accessToken

const TOKEN_SECRET = "eyJ0eXAiOiJKV1QifQ.c2VjcmV0.c2ln";

const tokensWithControls = [
  [`${TOKEN_SECRET}\r\nX-Injected: 1`, "U+000D", TOKEN_SECRET.length],
  [`${TOKEN_SECRET}\nX-Injected: 1`, "U+000A", TOKEN_SECRET.length],
  [`Bearer ${TOKEN_SECRET}\rX`, "U+000D", TOKEN_SECRET.length],
  [`${TOKEN_SECRET}\u0000`, "U+0000", TOKEN_SECRET.length],
  [`ab\tcd`, "U+0009", 2],
];

for (const [token, codePoint, position] of tokensWithControls) {
  test(`token with ${codePoint} is rejected, not quoted`, () => {
    const result = build({ accessToken: token });
    const message =
      `options.accessToken contains a control character (${codePoint}) at character ` +
      `${position}, so it cannot be sent as a header`;
    assertOneError(result, { path: "options.accessToken", code: "invalid_header_value", message });
    assert.ok(!result.problems.some((problem) => problem.message.includes("ab")));
    assert.ok(!JSON.stringify(result).includes(TOKEN_SECRET));
  });
}

test("token outside ASCII is rejected, not quoted", () => {
  const result = build({ accessToken: "tökén" });
  const message =
    "options.accessToken contains a character outside visible ASCII (U+00F6) at character 1, " +
    "so it cannot be sent as a header";
  assertOneError(result, { path: "options.accessToken", code: "invalid_header_value", message });
  assert.ok(!JSON.stringify(result).includes("tökén"));
});

test("line breaks around a token are trimmed", () => {
  for (const token of [`${TOKEN_SECRET}\r\n`, `\r\n${TOKEN_SECRET}`, ` Bearer ${TOKEN_SECRET}\n`]) {
    const result = build({ accessToken: token });
    assert.equal(result.valid, true, JSON.stringify(token));
    assert.equal(result.request.headers.Authorization, `Bearer ${TOKEN_SECRET}`);
  }
});

test("token stays out of every problem", () => {
  // An expired JWT, for the wrong cloud, without the permission: three warnings about it.
  const payload = Buffer.from(JSON.stringify({ exp: 1, aud: "https://graph.microsoft.com" }));
  const jwt = `eyJhbGciOiJub25lIn0.${payload.toString("base64url")}.c2lnbmF0dXJl`;
  const result = validateAccessPackage({ displayName: "" }, { accessToken: jwt, cloud: "china" });
  const codes = result.problems.filter((p) => p.path === "options.accessToken").map((p) => p.code);
  assert.deepEqual(codes.sort(), ["token_audience", "token_expired", "token_permission"]);
  for (const problem of result.problems) {
    assert.ok(!problem.message.includes(jwt), problem.message);
    assert.ok(!problem.message.includes(payload.toString("base64url")), problem.message);
  }
});

// clientRequestId

// Each id with how the message quotes it: JSON escapes, plus \uXXXX for C1 controls.
const idsWithControls = [
  ["CR LF", "run-1\r\nX-Injected: 1", '"run-1\\r\\nX-Injected: 1"', "control character (U+000D)", 5],
  ["LF", "run-1\n", '"run-1\\n"', "control character (U+000A)", 5],
  ["NEL", "\u0085run", '"\\u0085run"', "control character (U+0085)", 0],
  ["umlaut", "rün", '"rün"', "character outside visible ASCII (U+00FC)", 1],
];

for (const [label, id, quoted, kind, position] of idsWithControls) {
  test(`clientRequestId with ${label} is rejected`, () => {
    const message =
      `options.clientRequestId ${quoted} contains a ${kind} at character ` +
      `${position}, so it cannot be sent as a header`;
    const problem = { path: "options.clientRequestId", code: "invalid_header_value", message };
    assertOneError(build({ clientRequestId: id }), problem);
    const batches = buildBatchRequests([PACKAGE], { clientRequestId: id });
    assert.deepEqual(batches.batches, []);
    assert.deepEqual(errors(batches), [{ ...problem, severity: "error" }]);
  });
}

test("blank clientRequestId gets a generated id", () => {
  for (const id of ["", "   "]) {
    const result = build({ clientRequestId: id });
    assert.equal(result.valid, true, JSON.stringify(id));
    assert.match(result.request.headers["client-request-id"], GUID_PATTERN);
  }
});

test("clientRequestId spaces are trimmed", () => {
  const result = build({ clientRequestId: "  run 7  " });
  assert.equal(result.request.headers["client-request-id"], "run 7");
});

// Ids that go into a URL path

const hostileIds = [
  [`${SALES}#x`, "catalog_name_not_id"],
  [`${SALES}?a=1`, "not_a_guid"],
  [`${SALES}/..`, "not_a_guid"],
  [`../${SALES}`, "not_a_guid"],
  [`${SALES}/%2e%2e`, "not_a_guid"],
  [SALES.replace("-", "%2D"), "not_a_guid"],
  ["..", "not_a_guid"],
  ["%2e%2e", "not_a_guid"],
  ["a/b", "not_a_guid"],
  [`${SALES.slice(0, -1)}\uff17`, "not_a_guid"],
  [`\u202e${SALES}`, "not_a_guid"],
  [`${SALES}\r\n`, "guid_whitespace"],
  [`{${SALES}}`, "guid_braces"],
  ["HR#1", "catalog_name_not_id"],
];

for (const [id, code] of hostileIds) {
  test(`catalog id ${JSON.stringify(id)} is ${code}`, () => {
    const quoted = JSON.stringify(id);
    for (const [input, path] of [
      [{ displayName: "x", catalogId: id }, "catalogId"],
      [{ displayName: "x", catalog: { id } }, "catalog.id"],
      [{ displayName: "x", accessPackageCatalog: { id } }, "accessPackageCatalog.id"],
    ]) {
      const options = path === "accessPackageCatalog.id" ? { apiVersion: "beta" } : {};
      const result = build(options, input);
      assertOneError(result, { path, code }, `${path} ${quoted}`);
      assert.ok(errors(result)[0].message.includes(quoted), errors(result)[0].message);
    }
    assertLookupThrows("x", id, {}, { path: "catalogId", code });
    const batches = buildBatchRequests([{ displayName: "x", catalogId: id }]);
    assert.deepEqual(batches.batches, []);
    assert.deepEqual(
      errors(batches).map((problem) => [problem.row, problem.path, problem.code]),
      [[0, "catalogId", code]],
    );
  });

  test(`policy id ${JSON.stringify(id)} is ${code}`, () => {
    const options = { path: "assignmentPolicyNavigation", assignmentPolicyId: id };
    assertOneError(build(options), { path: "options.assignmentPolicyId", code });
  });
}

test("policy id goes into the path as given", () => {
  const result = build({ path: "assignmentPolicyNavigation", assignmentPolicyId: POLICY });
  assert.equal(
    result.request.url,
    `${GRAPH}/v1.0/identityGovernance/entitlementManagement/assignmentPolicies/${POLICY}` +
      "/accessPackage/catalog/accessPackages",
  );
});

test("non-string lookup catalog id throws", () => {
  assertLookupThrows("x", 5, {}, {
    path: "catalogId",
    code: "not_a_string",
    message: "catalogId must be a string, got 5",
  });
});

// The lookup's display name, which goes into the query

const LOOKUP_ROOT = `${GRAPH}/v1.0/identityGovernance/entitlementManagement/catalogs/${SALES}`;

const lookupNames = [
  ["a#b?c/d%e..f", "a%23b%3Fc%2Fd%25e..f"],
  ["../../x", "..%2F..%2Fx"],
  ["x&$top=1", "x%26%24top%3D1"],
  ["x' or 1 eq 1 or displayName eq 'y", "x%27%27%20or%201%20eq%201%20or%20displayName%20eq%20%27%27y"],
  ["O'Brien + co", "O%27%27Brien%20%2B%20co"],
  ["é☃𝄞", "%C3%A9%E2%98%83%F0%9D%84%9E"],
  ["x\u2028y", "x%E2%80%A8y"],
  ["\u202eabc", "%E2%80%AEabc"],
  ["<img src=x onerror=alert(1)>", "%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E"],
  ["  padded  ", "padded"],
];

for (const [name, encoded] of lookupNames) {
  test(`lookup of ${JSON.stringify(name)} is encoded`, () => {
    const request = buildAccessPackageLookupRequest(name, SALES, { accessToken: "t" });
    const filter = `displayName%20eq%20%27${encoded}%27`;
    assert.equal(request.url, `${LOOKUP_ROOT}/accessPackages?$filter=${filter}`);
    assert.equal(request.method, "GET");
    assert.equal(new URL(request.url).pathname, `${new URL(LOOKUP_ROOT).pathname}/accessPackages`);
    assert.deepEqual([...new URL(request.url).searchParams.keys()], ["$filter"]);
  });
}

test("beta lookup uses the beta catalogs", () => {
  const request = buildAccessPackageLookupRequest("a/b", SALES, { apiVersion: "beta" });
  assert.equal(
    request.url,
    `${GRAPH}/beta/identityGovernance/entitlementManagement/accessPackageCatalogs/${SALES}` +
      "/accessPackages?$filter=displayName%20eq%20%27a%2Fb%27",
  );
});

for (const [name, codePoint] of [
  ["x\r\nHost: evil.test", "U+000D"],
  ["x\nX-Injected: 1", "U+000A"],
  ["x\u0000", "U+0000"],
]) {
  test(`lookup name with ${codePoint} throws`, () => {
    assertLookupThrows(name, SALES, {}, {
      path: "displayName",
      code: "control_character",
      message: `displayName must not contain control characters, got ${codePoint} at character 1`,
    });
  });
}

test("blank lookup name throws", () => {
  assertLookupThrows("   ", SALES, {}, { path: "displayName", code: "blank" });
});

test("lookup throws for a bad baseUrl", () => {
  assertLookupThrows("x", SALES, { baseUrl: "http://example.com" }, {
    path: "options.baseUrl",
    code: "insecure_base_url",
  });
});

test("names with markup go into the body as JSON text", () => {
  const input = {
    displayName: '"><svg onload=alert(1)>',
    description: "</script>\r\n#?/..%",
    catalogId: SALES,
  };
  const result = build({}, input);
  assert.equal(result.request.url, `${GRAPH}${CREATE_PATH}`);
  assert.deepEqual(JSON.parse(result.request.body), {
    displayName: input.displayName,
    description: input.description,
    catalog: { id: SALES },
  });
  const batch = buildBatchRequests([input, { ...input, displayName: "x/../y" }]);
  const items = JSON.parse(batch.batches[0].request.body).requests;
  assert.deepEqual(items.map((item) => item.url), [
    "/identityGovernance/entitlementManagement/accessPackages",
    "/identityGovernance/entitlementManagement/accessPackages",
  ]);
  assert.equal(batch.batches[0].request.url, `${GRAPH}/v1.0/$batch`);
});

// baseUrl

const acceptedBaseUrls = [
  ["http://127.0.0.1:1", "http://127.0.0.1:1"],
  ["http://localhost", "http://localhost"],
  ["http://[::1]", "http://[::1]"],
  ["http://[::1]:8081/", "http://[::1]:8081"],
  ["http://[0:0:0:0:0:0:0:1]", "http://[0:0:0:0:0:0:0:1]", "http://[::1]"],
  ["HTTP://LOCALHOST:8081/Graph/", "http://localhost:8081/Graph"],
  ["http://127.255.0.9", "http://127.255.0.9"],
  ["https://graph.microsoft.com", GRAPH],
  ["https://proxy.test/a;b/c@d/%41~", "https://proxy.test/a;b/c@d/%41~"],
];

for (const [baseUrl, origin, sentOrigin = origin] of acceptedBaseUrls) {
  test(`baseUrl ${baseUrl} is accepted`, () => {
    const result = build({ baseUrl });
    assert.equal(result.valid, true, JSON.stringify(result.problems));
    assert.equal(result.request.url, `${origin}${CREATE_PATH}`);
    // fetch sends the URL shown; only an IPv6 address is written in its shortest form.
    assert.equal(new URL(result.request.url).href, `${sentOrigin}${CREATE_PATH}`);
  });
}

const INSECURE =
  "options.baseUrl must use https unless it points at a loopback address such as 127.0.0.1, got";

// Hosts that resolve or may resolve elsewhere, or that browsers read as 127.0.0.1 but this
// check does not, are rejected rather than guessed at.
const insecureBaseUrls = [
  "http://example.com",
  "http://127.0.0.1.nip.io",
  "http://localhost.evil.test",
  "http://2130706433",
  "http://0x7f.0.0.1",
  "http://0177.0.0.1",
  "http://127.1",
  "http://0.0.0.0",
  "http://[::ffff:127.0.0.1]",
  "http://[::2]",
  "http://graph.microsoft.com",
];

for (const baseUrl of insecureBaseUrls) {
  test(`baseUrl ${baseUrl} is insecure`, () => {
    const message = `${INSECURE} ${JSON.stringify(baseUrl)}`;
    assertOneError(build({ baseUrl }), {
      path: "options.baseUrl",
      code: "insecure_base_url",
      message,
    });
  });
}

const PATH_CHARACTERS = "a path prefix of letters, digits, -._~!$&'()*+,;=:@ and %XX escapes";
const ESCAPED_SEPARATORS = "a path prefix without escaped slashes (%2F) or backslashes (%5C)";

const invalidBaseUrls = [
  ["graph.microsoft.com", "an http or https origin such as https://graph.microsoft.com"],
  ["javascript://x", "an http or https origin such as https://graph.microsoft.com"],
  ["file:///etc/passwd", "an http or https origin such as https://graph.microsoft.com"],
  ["https://x/?a=1", "an origin without a query or fragment"],
  ["https://x#top", "an origin without a query or fragment"],
  ["http://127.0.0.1:1/#", "an origin without a query or fragment"],
  ["https://x y", "a URL of visible ASCII characters without spaces or backslashes"],
  ["https://x\r\nHost: y", "a URL of visible ASCII characters without spaces or backslashes"],
  ["https://x\\y", "a URL of visible ASCII characters without spaces or backslashes"],
  ["https://bücher.test", "a URL of visible ASCII characters without spaces or backslashes"],
  ["https://x/\u2025", "a URL of visible ASCII characters without spaces or backslashes"],
  ["http://[::1]evil.test", "an origin with a valid host and port"],
  ["http://[]", "an origin with a valid host and port"],
  ["http://localhost:0", "an origin with a valid host and port"],
  ["http://127.0.0.1:65536", "an origin with a valid host and port"],
  ["http://localhost.:1", "an origin with a valid host and port"],
  ["https://x_y", "an origin with a valid host and port"],
  ["http:///x", "an origin with a valid host and port"],
  ["https://x/a/../b", "a path prefix without . or .. segments"],
  ["https://x/%2E%2e", "a path prefix without . or .. segments"],
  ["https://x/.", "a path prefix without . or .. segments"],
  ["https://x//graph", "a path prefix without empty segments (//)"],
  ["https://x/a%zz", "a path prefix whose % starts an escape of two hex digits"],
  ["https://x/a%2Fb", ESCAPED_SEPARATORS],
  ["http://127.0.0.1/%5c..", ESCAPED_SEPARATORS],
  ["https://x/%0d%0a", "a path prefix without escaped control characters"],
  ["https://x/<b>", PATH_CHARACTERS],
  ['https://x/a"b', PATH_CHARACTERS],
  ["https://x/`", PATH_CHARACTERS],
  ["https://x/{a}", PATH_CHARACTERS],
  ["https://x/a|b", PATH_CHARACTERS],
];

for (const [baseUrl, reason] of invalidBaseUrls) {
  test(`baseUrl ${JSON.stringify(baseUrl)} is invalid`, () => {
    const message = `options.baseUrl must be ${reason}, got ${JSON.stringify(baseUrl)}`;
    const problem = { path: "options.baseUrl", code: "invalid_base_url", message };
    assertOneError(build({ baseUrl }), problem);
    const batches = buildBatchRequests([PACKAGE], { baseUrl });
    assert.deepEqual(batches.batches, []);
    assert.deepEqual(errors(batches), [{ ...problem, severity: "error" }]);
  });
}

test("baseUrl credentials stay out of the message", () => {
  for (const baseUrl of ["https://admin:hunter2@x", "http://hunter2@127.0.0.1", "https://:hunter2@x"]) {
    const result = build({ baseUrl });
    assertOneError(result, {
      path: "options.baseUrl",
      code: "invalid_base_url",
      message: "options.baseUrl must be an origin without credentials, got a URL with user:password@",
    });
    assert.ok(!JSON.stringify(result).includes("hunter2"));
  }
});
