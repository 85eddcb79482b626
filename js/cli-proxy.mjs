// The command line's proxy support. Node 20's global fetch ignores HTTP_PROXY, HTTPS_PROXY and
// NO_PROXY, so when a proxy variable is set, requests go through undici's EnvHttpProxyAgent and
// undici's own fetch. undici is loaded only then, so a run without a proxy never needs it.

import { UsageError } from "./cli-args.mjs";

/**
 * Reads the proxy variables from `env`. The lower-case spelling wins over the upper-case one,
 * as in curl and undici, and an empty value counts as unset. Returns undefined when neither
 * HTTP_PROXY nor HTTPS_PROXY is set; otherwise `{ httpProxy, httpsProxy, noProxy }`, each
 * undefined when unset. Throws a UsageError for a proxy that is not an http or https URL.
 */
export function readProxySettings(env) {
  const httpProxy = readProxyUrl(env, "http_proxy", "HTTP_PROXY");
  const httpsProxy = readProxyUrl(env, "https_proxy", "HTTPS_PROXY");
  if (httpProxy === undefined && httpsProxy === undefined) {
    return undefined;
  }
  const noProxy = readVariable(env, "no_proxy", "NO_PROXY")?.value;
  return { httpProxy, httpsProxy, noProxy };
}

/**
 * Creates the fetch of a run: undefined, for the global fetch, when no proxy variable is set,
 * else `{ fetch, close }` over one EnvHttpProxyAgent. NO_PROXY entries are host names,
 * `.domain` suffixes (which also match the domain itself), `host:port`, or `*` alone for every
 * host. An https URL goes through HTTP_PROXY when HTTPS_PROXY is unset, as undici 7 does.
 */
export async function createProxyFetch(env) {
  const settings = readProxySettings(env);
  if (settings === undefined) {
    return undefined;
  }
  const undici = await import("undici");
  // undici reads process.env for an option that is undefined, and takes "" as unset, so the
  // checked values are passed with "" for the unset ones.
  const agent = new undici.EnvHttpProxyAgent({
    httpProxy: settings.httpProxy ?? "",
    httpsProxy: settings.httpsProxy ?? "",
    noProxy: settings.noProxy ?? "",
  });
  return {
    fetch: (url, init) => undici.fetch(url, { ...init, dispatcher: agent }),
    close: () => agent.close(),
  };
}

function readVariable(env, ...names) {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== "") {
      return { name, value };
    }
  }
  return undefined;
}

function readProxyUrl(env, ...names) {
  const found = readVariable(env, ...names);
  if (found === undefined) {
    return undefined;
  }
  let url;
  try {
    url = new URL(found.value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new UsageError(
      `${found.name} must be an http:// or https:// URL such as http://proxy.example.com:8080, ` +
        `got ${JSON.stringify(withoutCredentials(found.value))}`,
    );
  }
  return found.value;
}

// Hides a password in a proxy value that is shown in a message, whether or not it parses.
function withoutCredentials(value) {
  return value.replace(/\/\/[^/@]*@/, "//<credentials hidden>@");
}
