// Formats a built request as a command to paste into a shell or a script: curl for bash,
// PowerShell with Invoke-MgGraphRequest or Invoke-RestMethod, and JavaScript fetch.
// Pure functions with no DOM access, so Node tests import this file as it is.
//
// Each formatter takes `{ includeToken }`. The access token from the request's Authorization
// header goes into the text only when `includeToken` is true and the request has one.
// Otherwise the text reads the token from an environment variable at run time.

/** The environment variable that the copied commands read the access token from. */
export const TOKEN_VARIABLE = "GRAPH_TOKEN";

/** The values of Connect-MgGraph's -Environment parameter, by Graph host. */
const MG_ENVIRONMENTS = new Map([
  ["graph.microsoft.com", "Global"],
  ["graph.microsoft.us", "USGov"],
  ["dod-graph.microsoft.us", "USGovDoD"],
  ["microsoftgraph.chinacloudapi.cn", "China"],
]);

/** The copy formats, in the order the page shows them. */
export const COPY_FORMATS = [
  { id: "curl", label: "curl (bash)", format: formatCurl },
  { id: "mg-graph", label: "PowerShell: Invoke-MgGraphRequest", format: formatMgGraphRequest },
  { id: "rest-method", label: "PowerShell: Invoke-RestMethod", format: formatRestMethod },
  { id: "fetch", label: "JavaScript fetch", format: formatFetch },
];

/**
 * Splits a request's headers into the bearer token (without "Bearer "), the Content-Type
 * and the other headers, keeping their order. Header names are compared case-insensitively.
 */
export function splitHeaders(headers) {
  const parts = { token: undefined, contentType: undefined, others: [] };
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lowerName = name.toLowerCase();
    if (lowerName === "authorization") {
      parts.token = value.replace(/^Bearer\s+/i, "");
    } else if (lowerName === "content-type") {
      parts.contentType = value;
    } else {
      parts.others.push([name, value]);
    }
  }
  return parts;
}

function tokenToInclude(parts, includeToken) {
  return includeToken && parts.token !== undefined && parts.token !== "" ? parts.token : undefined;
}

// A C0 control character or DEL, which a terminal may act on when it is pasted.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * Quotes a string as one bash word. Plain text goes in single quotes, where nothing expands,
 * with each `'` written as `'\''`. Text with control characters uses ANSI-C quoting (`$'…'`),
 * so a newline is written as `\n` rather than pasted as a line break.
 */
export function quoteBash(text) {
  if (!CONTROL_CHARACTER.test(text)) {
    return `'${text.replaceAll("'", "'\\''")}'`;
  }
  let quoted = "";
  for (const character of text) {
    quoted += escapeAnsiC(character);
  }
  return `$'${quoted}'`;
}

const ANSI_C_ESCAPES = new Map([
  ["\\", "\\\\"],
  ["'", "\\'"],
  ["\n", "\\n"],
  ["\r", "\\r"],
  ["\t", "\\t"],
]);

function escapeAnsiC(character) {
  const escape = ANSI_C_ESCAPES.get(character);
  if (escape !== undefined) {
    return escape;
  }
  if (CONTROL_CHARACTER.test(character)) {
    return `\\x${character.codePointAt(0).toString(16).padStart(2, "0")}`;
  }
  return character;
}

/** Formats the request as a curl command for bash, one option per line. */
export function formatCurl(request, { includeToken = false } = {}) {
  const parts = splitHeaders(request.headers);
  const token = tokenToInclude(parts, includeToken);
  const lines = [`curl --request ${request.method} ${quoteBash(request.url)}`];
  if (parts.contentType !== undefined) {
    lines.push(`--header ${quoteBash(`Content-Type: ${parts.contentType}`)}`);
  }
  for (const [name, value] of parts.others) {
    lines.push(`--header ${quoteBash(`${name}: ${value}`)}`);
  }
  // Double quotes, so that bash expands the variable when the command runs.
  const authorization = token === undefined
    ? `"Authorization: Bearer $${TOKEN_VARIABLE}"`
    : quoteBash(`Authorization: Bearer ${token}`);
  lines.push(`--header ${authorization}`);
  if (request.body !== undefined) {
    // --data-raw, unlike --data, sends a leading "@" as it is instead of reading a file.
    lines.push(`--data-raw ${quoteBash(request.body)}`);
  }
  return lines.join(" \\\n  ");
}

// PowerShell reads the typographic single quotes U+2018 to U+201B as "'" too.
const POWERSHELL_SINGLE_QUOTES = /['\u2018\u2019\u201a\u201b]/g;

/**
 * Quotes a string as a PowerShell single-quoted string, where `$` and backticks do not
 * expand. Every character that PowerShell reads as a single quote is doubled.
 */
export function quotePowerShell(text) {
  return `'${text.replace(POWERSHELL_SINGLE_QUOTES, (quote) => quote + quote)}'`;
}

function powerShellHashtable(entries) {
  if (entries.length === 0) {
    return "@{}";
  }
  const lines = entries.map(([name, value]) => `  ${quotePowerShell(name)} = ${value}`);
  return `@{\n${lines.join("\n")}\n}`;
}

/**
 * Formats the request for Microsoft Graph PowerShell: Connect-MgGraph with the token, then
 * Invoke-MgGraphRequest. The -Environment matches the request's national cloud, and a host
 * that is not a Graph host (the emulator) gets no -Environment.
 */
export function formatMgGraphRequest(request, { includeToken = false } = {}) {
  const parts = splitHeaders(request.headers);
  const token = tokenToInclude(parts, includeToken);
  const tokenText = token === undefined ? `$env:${TOKEN_VARIABLE}` : quotePowerShell(token);
  const environment = MG_ENVIRONMENTS.get(new URL(request.url).hostname);
  const environmentText = environment === undefined ? "" : ` -Environment ${environment}`;

  // NOTE: -AccessToken takes a SecureString from Microsoft Graph PowerShell 2.0 on, and 1.x
  // took a plain string.
  const lines = [
    `Connect-MgGraph -AccessToken (ConvertTo-SecureString ${tokenText} -AsPlainText -Force)${environmentText}`,
  ];
  const headers = parts.others.map(([name, value]) => [name, quotePowerShell(value)]);
  const invoke = [
    `Invoke-MgGraphRequest -Method ${request.method}`,
    `-Uri ${quotePowerShell(request.url)}`,
  ];
  if (headers.length > 0) {
    lines.push(`$headers = ${powerShellHashtable(headers)}`);
    invoke.push("-Headers $headers");
  }
  if (request.body !== undefined) {
    invoke.push(`-Body ${quotePowerShell(request.body)}`);
  }
  if (parts.contentType !== undefined) {
    invoke.push(`-ContentType ${quotePowerShell(parts.contentType)}`);
  }
  lines.push(invoke.join(" `\n  "));
  return lines.join("\n");
}

/**
 * Formats the request for Invoke-RestMethod. The body goes as UTF-8 bytes, because Windows
 * PowerShell 5.1 encodes a string body as ISO-8859-1 when the content type names no charset,
 * which turns characters outside Latin-1 into "?". Content-Type goes through -ContentType
 * rather than -Headers, the parameter the cmdlet reads it from.
 */
export function formatRestMethod(request, { includeToken = false } = {}) {
  const parts = splitHeaders(request.headers);
  const token = tokenToInclude(parts, includeToken);
  // Double quotes, so that PowerShell expands the variable when the command runs.
  const authorization = token === undefined
    ? `"Bearer $env:${TOKEN_VARIABLE}"`
    : quotePowerShell(`Bearer ${token}`);
  const headers = [
    ...parts.others.map(([name, value]) => [name, quotePowerShell(value)]),
    ["Authorization", authorization],
  ];

  const lines = [`$headers = ${powerShellHashtable(headers)}`];
  const invoke = [
    `Invoke-RestMethod -Method ${request.method}`,
    `-Uri ${quotePowerShell(request.url)}`,
    "-Headers $headers",
  ];
  if (request.body !== undefined) {
    lines.push(`$body = [System.Text.Encoding]::UTF8.GetBytes(${quotePowerShell(request.body)})`);
    invoke.push("-Body $body");
  }
  if (parts.contentType !== undefined) {
    invoke.push(`-ContentType ${quotePowerShell(parts.contentType)}`);
  }
  lines.push(invoke.join(" `\n  "));
  return lines.join("\n");
}

/**
 * Formats the request as JavaScript for Node 18 or later, or a browser console when the token
 * is included. Strings are JSON string literals, which are valid JavaScript, and the body is
 * the request's exact text.
 */
export function formatFetch(request, { includeToken = false } = {}) {
  const parts = splitHeaders(request.headers);
  const token = tokenToInclude(parts, includeToken);
  const headers = [];
  if (parts.contentType !== undefined) {
    headers.push(["Content-Type", JSON.stringify(parts.contentType)]);
  }
  for (const [name, value] of parts.others) {
    headers.push([name, JSON.stringify(value)]);
  }
  const authorization = token === undefined
    ? `\`Bearer \${process.env.${TOKEN_VARIABLE}}\``
    : JSON.stringify(`Bearer ${token}`);
  headers.push(["Authorization", authorization]);

  const lines = [
    `const response = await fetch(${JSON.stringify(request.url)}, {`,
    `  method: ${JSON.stringify(request.method)},`,
    "  headers: {",
    ...headers.map(([name, value]) => `    ${JSON.stringify(name)}: ${value},`),
    "  },",
  ];
  if (request.body !== undefined) {
    lines.push(`  body: ${JSON.stringify(request.body)},`);
  }
  lines.push("});", "console.log(response.status, await response.text());");
  return lines.join("\n");
}
