// Tests packageGetUrl from www/history.js, which builds the href of each history link.

import assert from "node:assert/strict";
import { test } from "node:test";

import { packageGetUrl } from "../../www/history.js";

const CREATE_URL = "https://graph.microsoft.com/v1.0/identityGovernance/entitlementManagement/accessPackages";

test("GET URL appends the id", () => {
  const url = packageGetUrl(CREATE_URL, "56ff43fd-6b05-48df-9634-956a777fce6d");
  assert.equal(url.href, `${CREATE_URL}/56ff43fd-6b05-48df-9634-956a777fce6d`);
});

test("GET URL keeps a loopback origin", () => {
  const url = packageGetUrl("http://127.0.0.1:8081/beta/identityGovernance/entitlementManagement/accessPackages/", "a1");
  assert.equal(url.href, "http://127.0.0.1:8081/beta/identityGovernance/entitlementManagement/accessPackages/a1");
});

test("GET URL encodes the id as one segment", () => {
  const url = packageGetUrl(`${CREATE_URL}?x=1#y`, "../../me?$select=id#z");
  assert.equal(url.href, `${CREATE_URL}/..%2F..%2Fme%3F%24select%3Did%23z`);
});

test("GET URL rejects other schemes", () => {
  for (const createUrl of ["javascript:alert(1)//", "data:text/html,x", "file:///etc/passwd", "not a url"]) {
    assert.equal(packageGetUrl(createUrl, "a1"), undefined, createUrl);
  }
});
