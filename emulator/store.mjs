// The in-memory store of catalogs and access packages that both API versions share.
// Nothing is written to disk: a restart or a reset returns to the seed.

import { formatTimestamp, newGuid } from './http.mjs';

/** The user principal name that beta reports in `createdBy` and `modifiedBy`. */
export const ADMIN_UPN = 'admin@contoso.onmicrosoft.com';

const SEED_TIMESTAMP = '2026-01-05T09:00:00.0000000Z';

/** The catalogs present after every start and reset. Tests depend on these ids. */
export const SEED_CATALOGS = Object.freeze(
  [
    ['66584aae-98bb-48cc-9458-7bee5d2a6577', 'Sales and Marketing'],
    ['aa2f6514-3232-46e7-a08a-2411ad8d7128', 'Field Operations'],
    ['beeae5b4-5a4e-4d3b-9d3f-2f7a1c6b0e11', 'General'],
    ['c5a9f3e2-7d41-4b8e-a0c6-91e2d3f4b5a7', 'Engineering'],
    ['0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6', 'Finance'],
  ].map(([id, displayName]) =>
    Object.freeze({
      id,
      displayName,
      description: `Access packages of ${displayName}`,
      catalogType: 'userManaged',
      state: 'published',
      isExternallyVisible: false,
      createdBy: ADMIN_UPN,
      createdDateTime: SEED_TIMESTAMP,
      modifiedBy: ADMIN_UPN,
      modifiedDateTime: SEED_TIMESTAMP,
    }),
  ),
);

/**
 * Catalogs and access packages. A new package is hidden from list queries for
 * `listLagMs` milliseconds, as Graph's lists lag a create, but lookups by id find it at once.
 */
export class Store {
  #listLagMs;
  #clock;
  #packages = [];
  #creates = 0;

  /** `clock` returns milliseconds since the epoch. */
  constructor({ listLagMs = 0, clock = Date.now } = {}) {
    this.#listLagMs = listLagMs;
    this.#clock = clock;
  }

  /** Removes every created package and zeroes the create count. */
  reset() {
    this.#packages = [];
    this.#creates = 0;
  }

  get catalogs() {
    return SEED_CATALOGS;
  }

  /** Number of packages created since the start or the last reset. */
  get creates() {
    return this.#creates;
  }

  /** Returns the catalog with this id (compared case-insensitively), or undefined. */
  findCatalog(id) {
    const key = String(id).toLowerCase();
    return SEED_CATALOGS.find((catalog) => catalog.id === key);
  }

  /** Returns a copy of the package with this id (compared case-insensitively), or undefined. */
  findPackage(id) {
    const key = String(id).toLowerCase();
    const found = this.#packages.find((record) => record.id === key);
    return found && publicRecord(found);
  }

  /** Returns copies of the packages that lists show now, oldest first, optionally by catalog. */
  listPackages({ catalogId } = {}) {
    const now = this.#clock();
    const catalogKey = catalogId?.toLowerCase();
    return this.#packages
      .filter((record) => record.visibleAtMs <= now)
      .filter((record) => catalogKey === undefined || record.catalogId === catalogKey)
      .map(publicRecord);
  }

  /** Returns whether the catalog contains a package of this name, compared case-insensitively. */
  hasPackageNamed(catalogId, displayName) {
    const catalogKey = catalogId.toLowerCase();
    const nameKey = displayName.toLowerCase();
    return this.#packages.some(
      (record) =>
        record.catalogId === catalogKey && record.displayName.toLowerCase() === nameKey,
    );
  }

  /** Stores a new package and returns a copy with the server-set fields filled in. */
  addPackage({ catalogId, displayName, description, isHidden, isRoleScopesVisible }) {
    const timestamp = formatTimestamp();
    const record = {
      id: newGuid(),
      catalogId: catalogId.toLowerCase(),
      displayName,
      description,
      isHidden,
      isRoleScopesVisible,
      createdBy: ADMIN_UPN,
      createdDateTime: timestamp,
      modifiedBy: ADMIN_UPN,
      modifiedDateTime: timestamp,
      visibleAtMs: this.#clock() + this.#listLagMs,
    };
    this.#packages.push(record);
    this.#creates += 1;
    return publicRecord(record);
  }

  /** Returns every stored package, lagging ones included, and the create count. */
  state() {
    return { packages: this.#packages.map(publicRecord), creates: this.#creates };
  }
}

function publicRecord(record) {
  const { visibleAtMs, ...fields } = record;
  return fields;
}
