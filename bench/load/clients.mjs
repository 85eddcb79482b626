// The load generator's clients: each creates a package with a unique name through a single
// POST, then lists its catalog's packages filtered by that name, on v1.0 and beta in turn,
// until the time is up.
import http from "node:http";

/** The seeded catalogs of the emulator, which the clients spread their packages over. */
export const CATALOGS = [
  "66584aae-98bb-48cc-9458-7bee5d2a6577",
  "aa2f6514-3232-46e7-a08a-2411ad8d7128",
  "beeae5b4-5a4e-4d3b-9d3f-2f7a1c6b0e11",
  "c5a9f3e2-7d41-4b8e-a0c6-91e2d3f4b5a7",
  "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6",
];

const MANAGEMENT_PATH = "identityGovernance/entitlementManagement";
const CATALOG_COLLECTION = { "v1.0": "catalogs", beta: "accessPackageCatalogs" };
const VERSIONS = ["v1.0", "beta"];

/** A request that takes longer than this is abandoned and counted with status 0. */
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Starts `clients` clients against `apiUrl`; they stop sending when `seconds` have passed.
 * `tag` makes the names unique across runs on the same emulator. Returns `{ progress(),
 * finished }`: `progress()` returns the requests answered and the creates acknowledged so
 * far, and `finished` resolves, once the requests in flight have ended (each within
 * REQUEST_TIMEOUT_MS), to `{ seconds, samples, creates, listMisses }`. `samples` has one
 * `{ kind, status, ms, error? }` per request, `creates` one `{ id, catalogId, displayName }`
 * per 201, and `listMisses` counts filtered lists that lacked the package just created.
 */
export function startClients({ apiUrl, clients, seconds, token = "load-test", tag = "load" }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const run = {
    samples: [],
    creates: [],
    listMisses: 0,
    deadline: performance.now() + seconds * 1000,
  };
  const started = performance.now();
  const workers = Array.from({ length: clients }, (_, client) =>
    runClient(run, { apiUrl, agent, token, client, tag }),
  );
  const finished = Promise.all(workers)
    .finally(() => agent.destroy())
    .then(() => ({
      seconds: (performance.now() - started) / 1000,
      samples: run.samples,
      creates: run.creates,
      listMisses: run.listMisses,
    }));
  const progress = () => ({ requests: run.samples.length, creates: run.creates.length });
  return { progress, finished };
}

async function runClient(run, { apiUrl, agent, token, client, tag }) {
  const catalogId = CATALOGS[client % CATALOGS.length];
  for (let iteration = 0; performance.now() < run.deadline; iteration += 1) {
    const version = VERSIONS[iteration % VERSIONS.length];
    const connection = { apiUrl, agent, token, version };
    const displayName = `${tag} client ${client} package ${iteration}`;
    const created = await createPackage(run, connection, catalogId, displayName);
    const listed = await listByName(run, connection, catalogId, displayName);
    if (created !== undefined && listed !== undefined && !listed.includes(created.id)) {
      run.listMisses += 1;
    }
  }
}

// POSTs one package. Returns the stored package on 201, else undefined.
async function createPackage(run, connection, catalogId, displayName) {
  const { apiUrl, version } = connection;
  const catalog = version === "beta" ? { catalogId } : { catalog: { id: catalogId } };
  const body = JSON.stringify({ displayName, ...catalog });
  const url = `${apiUrl}/${version}/${MANAGEMENT_PATH}/accessPackages`;
  const response = await send(run, connection, `create ${version}`, "POST", url, body);
  if (response.status !== 201) return undefined;
  const stored = JSON.parse(response.text);
  run.creates.push({ id: stored.id, catalogId, displayName });
  return stored;
}

// GETs the catalog's packages filtered by name. Returns their ids on 200, else undefined.
async function listByName(run, connection, catalogId, displayName) {
  const { apiUrl, version } = connection;
  const literal = displayName.replaceAll("'", "''");
  const filter = encodeURIComponent(`displayName eq '${literal}'`);
  const collection = `${CATALOG_COLLECTION[version]}/${catalogId}/accessPackages`;
  const url = `${apiUrl}/${version}/${MANAGEMENT_PATH}/${collection}?$filter=${filter}`;
  const response = await send(run, connection, `list ${version}`, "GET", url);
  if (response.status !== 200) return undefined;
  return JSON.parse(response.text).value.map((found) => found.id);
}

// Sends one request and records its kind, status and latency. Resolves to `{ status, text }`,
// with status 0 when the connection failed or the request timed out.
function send(run, { agent, token }, kind, method, url, body) {
  const headers = { Authorization: `Bearer ${token}` };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    headers["Content-Length"] = Buffer.byteLength(body);
  }
  const started = performance.now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (status, text, error) => {
      if (done) return;
      done = true;
      const sample = { kind, status, ms: performance.now() - started };
      if (error !== undefined) sample.error = error;
      run.samples.push(sample);
      resolve({ status, text });
    };
    const request = http.request(url, { method, headers, agent, timeout: REQUEST_TIMEOUT_MS });
    request.on("timeout", () => {
      request.destroy(new Error(`timed out after ${REQUEST_TIMEOUT_MS} ms`));
    });
    request.on("error", (error) => finish(0, "", error.message));
    request.on("response", (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("error", (error) => finish(0, "", error.message));
      response.on("end", () => {
        finish(response.statusCode, Buffer.concat(chunks).toString("utf8"));
      });
    });
    request.end(body);
  });
}
