// The built .d.ts files against the golden copies in tests/package/golden/, byte for byte, so
// that a change to the declarations shows up in review. After an intended change, update the
// copies with: UPDATE_GOLDEN=1 node --test tests/package/golden.test.mjs

import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";

import { PKG, ROOT, runCommand } from "./helpers.mjs";

const GOLDEN = path.join(ROOT, "tests/package/golden");

/** The declaration files that wasm-bindgen generates from the Rust crate, relative to pkg/. */
const GENERATED = ["web/graph_access_package.d.ts", "node/graph_access_package.d.ts"];

const UPDATE_COMMAND = "UPDATE_GOLDEN=1 node --test tests/package/golden.test.mjs";

for (const file of GENERATED) {
  test(`${file} matches its golden copy`, async () => {
    const builtPath = path.join(PKG, file);
    const goldenPath = path.join(GOLDEN, file);
    const built = await readFile(builtPath);
    if (process.env.UPDATE_GOLDEN === "1") {
      await mkdir(path.dirname(goldenPath), { recursive: true });
      await writeFile(goldenPath, built);
      return;
    }
    const golden = await readFile(goldenPath).catch(() => Buffer.alloc(0));
    if (built.equals(golden)) return;
    const { stdout } = await runCommand("diff", ["-u", goldenPath, builtPath]);
    assert.fail(
      `pkg/${file} differs from tests/package/golden/${file}:\n${stdout}\n` +
        `If the change is intended, update the golden copy with:\n  ${UPDATE_COMMAND}`,
    );
  });
}
