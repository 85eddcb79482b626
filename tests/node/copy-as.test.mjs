// Tests www/copy-as.js, imported as the page imports it: exact text for names that break
// naive quoting, and the curl and fetch text run for real through bash and Node to check
// that the arguments arrive unchanged.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";

import {
  COPY_FORMATS,
  formatCurl,
  formatFetch,
  formatMgGraphRequest,
  formatRestMethod,
  quoteBash,
  quotePowerShell,
  splitHeaders,
} from "../../www/copy-as.js";

const URL_V1 = "https://graph.microsoft.com/v1.0/identityGovernance/entitlementManagement/accessPackages";
const CLIENT_REQUEST_ID = "c0ffee00-0000-4000-8000-000000000001";
const CATALOG_ID = "66584aae-98bb-48cc-9458-7bee5d2a6577";

// A single quote, typographic single quotes (which PowerShell also reads as quotes), double
// quotes, a backslash, $ and backticks, an emoji outside the BMP and Latin-1 letters.
const HOSTILE_NAME = "O'Brien ‘ops’ \"team\" \\ $HOME `whoami` 😀 Zürich";
const HOSTILE_BODY = JSON.stringify({ displayName: HOSTILE_NAME, catalog: { id: CATALOG_ID } });

function hostileRequest(token = "eyJ0eXAi.payload.sig'n") {
  return {
    url: URL_V1,
    method: "POST",
    headers: {
      Authorization: `Bearer ${token}`,
      "Content-Type": "application/json",
      Accept: "application/json",
      "client-request-id": CLIENT_REQUEST_ID,
    },
    body: HOSTILE_BODY,
  };
}

// The body as it appears inside single quotes: bash writes ' as '\'' and PowerShell doubles
// ', ‘ and ’.
const BODY_IN_BASH = String.raw`'{"displayName":"O'\''Brien ‘ops’ \"team\" \\ $HOME ` + "`whoami`"
  + String.raw` 😀 Zürich","catalog":{"id":"66584aae-98bb-48cc-9458-7bee5d2a6577"}}'`;
const BODY_IN_POWERSHELL = String.raw`'{"displayName":"O''Brien ‘‘ops’’ \"team\" \\ $HOME ` + "`whoami`"
  + String.raw` 😀 Zürich","catalog":{"id":"66584aae-98bb-48cc-9458-7bee5d2a6577"}}'`;

test("quoteBash single-quotes plain text", () => {
  assert.equal(quoteBash("sales reps"), "'sales reps'");
  assert.equal(quoteBash("it's"), String.raw`'it'\''s'`);
  assert.equal(quoteBash("$HOME `id` \"x\" \\"), "'$HOME `id` \"x\" \\'");
  assert.equal(quoteBash(""), "''");
});

test("quoteBash escapes control characters", () => {
  assert.equal(quoteBash("line 1\nline 2"), String.raw`$'line 1\nline 2'`);
  assert.equal(quoteBash("tab\there\r"), String.raw`$'tab\there\r'`);
  assert.equal(quoteBash("it's\n\\"), String.raw`$'it\'s\n\\'`);
  assert.equal(quoteBash("bell\u0007 del\u007f"), String.raw`$'bell\x07 del\x7f'`);
  assert.equal(quoteBash("emoji 😀\n"), String.raw`$'emoji 😀\n'`);
});

test("quotePowerShell doubles every single quote", () => {
  assert.equal(quotePowerShell("sales reps"), "'sales reps'");
  assert.equal(quotePowerShell("O'Brien"), "'O''Brien'");
  assert.equal(quotePowerShell("‘a’ ‚b‛"), "'‘‘a’’ ‚‚b‛‛'");
  assert.equal(quotePowerShell("$env:PATH `n \"x\""), "'$env:PATH `n \"x\"'");
  assert.equal(quotePowerShell("two\nlines"), "'two\nlines'");
});

test("splitHeaders separates token and content type", () => {
  const parts = splitHeaders({
    authorization: "bearer abc",
    "content-type": "application/json",
    Accept: "application/json",
  });
  assert.equal(parts.token, "abc");
  assert.equal(parts.contentType, "application/json");
  assert.deepEqual(parts.others, [["Accept", "application/json"]]);
});

test("curl uses the token variable by default", () => {
  const expected = [
    `curl --request POST '${URL_V1}' \\`,
    "  --header 'Content-Type: application/json' \\",
    "  --header 'Accept: application/json' \\",
    `  --header 'client-request-id: ${CLIENT_REQUEST_ID}' \\`,
    '  --header "Authorization: Bearer $GRAPH_TOKEN" \\',
    `  --data-raw ${BODY_IN_BASH}`,
  ].join("\n");
  assert.equal(formatCurl(hostileRequest()), expected);
});

test("curl includes the token when asked", () => {
  const text = formatCurl(hostileRequest(), { includeToken: true });
  assert.ok(text.includes(String.raw`  --header 'Authorization: Bearer eyJ0eXAi.payload.sig'\''n' ` + "\\\n"));
  assert.ok(!text.includes("GRAPH_TOKEN"));
});

test("curl without a token uses the variable", () => {
  const request = hostileRequest();
  delete request.headers.Authorization;
  const text = formatCurl(request, { includeToken: true });
  assert.ok(text.includes('--header "Authorization: Bearer $GRAPH_TOKEN"'));
});

/**
 * Runs `command` in bash with `curl` replaced by a function that prints each argument
 * followed by a NUL byte, and returns the arguments.
 */
function runCurlInBash(command, environment) {
  const script = `curl() { printf '%s\\0' "$@"; }\n${command}\n`;
  const output = execFileSync("bash", ["--noprofile", "--norc", "-c", script], {
    env: { PATH: process.env.PATH, ...environment },
    encoding: "utf8",
  });
  return output.split("\0").slice(0, -1);
}

test("curl arguments survive bash", () => {
  const args = runCurlInBash(formatCurl(hostileRequest()), { GRAPH_TOKEN: "from-env" });
  assert.deepEqual(args, [
    "--request", "POST", URL_V1,
    "--header", "Content-Type: application/json",
    "--header", "Accept: application/json",
    "--header", `client-request-id: ${CLIENT_REQUEST_ID}`,
    "--header", "Authorization: Bearer from-env",
    "--data-raw", HOSTILE_BODY,
  ]);
});

test("curl control characters survive bash", () => {
  const body = "{\"description\":\"raw\nline\tand 'quote' \\u0001\"}\r";
  const request = { ...hostileRequest("tok$en`x`"), body };
  const args = runCurlInBash(formatCurl(request, { includeToken: true }), {});
  assert.equal(args.at(-1), body);
  assert.ok(args.includes("Authorization: Bearer tok$en`x`"));
});

test("Invoke-MgGraphRequest text is exact", () => {
  const expected = [
    "Connect-MgGraph -AccessToken (ConvertTo-SecureString $env:GRAPH_TOKEN -AsPlainText -Force) -Environment Global",
    "$headers = @{",
    "  'Accept' = 'application/json'",
    `  'client-request-id' = '${CLIENT_REQUEST_ID}'`,
    "}",
    "Invoke-MgGraphRequest -Method POST `",
    `  -Uri '${URL_V1}' \``,
    "  -Headers $headers `",
    `  -Body ${BODY_IN_POWERSHELL} \``,
    "  -ContentType 'application/json'",
  ].join("\n");
  assert.equal(formatMgGraphRequest(hostileRequest()), expected);
});

test("Invoke-MgGraphRequest includes the token when asked", () => {
  const text = formatMgGraphRequest(hostileRequest(), { includeToken: true });
  const firstLine = text.split("\n")[0];
  assert.equal(
    firstLine,
    "Connect-MgGraph -AccessToken (ConvertTo-SecureString 'eyJ0eXAi.payload.sig''n' -AsPlainText -Force) -Environment Global",
  );
});

test("Invoke-MgGraphRequest environment per cloud", () => {
  const hosts = [
    ["https://graph.microsoft.us/beta/x", " -Environment USGov"],
    ["https://dod-graph.microsoft.us/v1.0/x", " -Environment USGovDoD"],
    ["https://microsoftgraph.chinacloudapi.cn/v1.0/x", " -Environment China"],
    ["http://127.0.0.1:8081/v1.0/x", ""],
  ];
  for (const [url, environment] of hosts) {
    const firstLine = formatMgGraphRequest({ ...hostileRequest(), url }).split("\n")[0];
    assert.equal(
      firstLine,
      `Connect-MgGraph -AccessToken (ConvertTo-SecureString $env:GRAPH_TOKEN -AsPlainText -Force)${environment}`,
      url,
    );
  }
});

test("Invoke-RestMethod sends UTF-8 bytes", () => {
  const expected = [
    "$headers = @{",
    "  'Accept' = 'application/json'",
    `  'client-request-id' = '${CLIENT_REQUEST_ID}'`,
    "  'Authorization' = \"Bearer $env:GRAPH_TOKEN\"",
    "}",
    `$body = [System.Text.Encoding]::UTF8.GetBytes(${BODY_IN_POWERSHELL})`,
    "Invoke-RestMethod -Method POST `",
    `  -Uri '${URL_V1}' \``,
    "  -Headers $headers `",
    "  -Body $body `",
    "  -ContentType 'application/json'",
  ].join("\n");
  assert.equal(formatRestMethod(hostileRequest()), expected);
});

test("Invoke-RestMethod includes the token when asked", () => {
  const text = formatRestMethod(hostileRequest("a'b$c"), { includeToken: true });
  assert.ok(text.includes("  'Authorization' = 'Bearer a''b$c'\n"));
  assert.ok(!text.includes("GRAPH_TOKEN"));
});

test("fetch text is exact", () => {
  const expected = [
    `const response = await fetch("${URL_V1}", {`,
    '  method: "POST",',
    "  headers: {",
    '    "Content-Type": "application/json",',
    '    "Accept": "application/json",',
    `    "client-request-id": "${CLIENT_REQUEST_ID}",`,
    "    \"Authorization\": `Bearer ${process.env.GRAPH_TOKEN}`,",
    "  },",
    String.raw`  body: "{\"displayName\":\"O'Brien ‘ops’ \\\"team\\\" \\\\ $HOME ` + "`whoami`"
      + String.raw` 😀 Zürich\",\"catalog\":{\"id\":\"66584aae-98bb-48cc-9458-7bee5d2a6577\"}}",`,
    "});",
    "console.log(response.status, await response.text());",
  ].join("\n");
  assert.equal(formatFetch(hostileRequest()), expected);
});

/** Runs the fetch text with a recording fetch and returns the url and init it was called with. */
async function runFetchText(text, environment) {
  const AsyncFunction = (async () => {}).constructor;
  const calls = [];
  const fakeFetch = async (url, init) => {
    calls.push({ url, init });
    return { status: 201, text: async () => "{}" };
  };
  const quietConsole = { log() {} };
  await new AsyncFunction("fetch", "process", "console", text)(
    fakeFetch,
    { env: environment },
    quietConsole,
  );
  assert.equal(calls.length, 1);
  return calls[0];
}

test("fetch arguments survive JavaScript", async () => {
  const call = await runFetchText(formatFetch(hostileRequest()), { GRAPH_TOKEN: "from-env" });
  assert.equal(call.url, URL_V1);
  assert.equal(call.init.method, "POST");
  assert.equal(call.init.body, HOSTILE_BODY);
  assert.deepEqual(call.init.headers, {
    "Content-Type": "application/json",
    Accept: "application/json",
    "client-request-id": CLIENT_REQUEST_ID,
    Authorization: "Bearer from-env",
  });
});

test("fetch with the token needs no environment", async () => {
  const request = hostileRequest("tok`${x}`\u2028");
  const call = await runFetchText(formatFetch(request, { includeToken: true }), {});
  assert.equal(call.init.headers.Authorization, "Bearer tok`${x}`\u2028");
});

test("every format leaves the token out", () => {
  const ids = COPY_FORMATS.map((format) => format.id);
  assert.deepEqual(ids, ["curl", "mg-graph", "rest-method", "fetch"]);
  for (const format of COPY_FORMATS) {
    const text = format.format(hostileRequest());
    assert.ok(!text.includes("eyJ0eXAi"), `${format.id} leaked the token`);
  }
});
