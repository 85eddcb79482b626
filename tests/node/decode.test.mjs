// The rows file decoder from the built package's entry points: byte-order marks, UTF-8 without
// one, and Windows-1252, whose bytes 0x80 to 0x9F Node's own TextDecoder gets wrong.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";

import * as esm from "../../pkg/node.mjs";

const cjs = createRequire(import.meta.url)("../../pkg/node.cjs");

/** Windows-1252's characters for bytes 0x80 to 0x9F, as Python's cp1252 codec and browsers decode them. */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039,
  0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc,
  0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

for (const [label, library] of [
  ["ESM", esm],
  ["CommonJS", cjs],
]) {
  test(`${label} decodes Windows-1252 0x80-0x9F`, () => {
    const bytes = Uint8Array.from({ length: 32 }, (_, index) => 0x80 + index);

    const { text, encoding } = library.decodeFileBytes(bytes);

    assert.equal(encoding, "windows-1252");
    assert.deepEqual([...text].map((char) => char.codePointAt(0)), WINDOWS_1252_HIGH);
  });

  test(`${label} decodes Windows-1252 Latin-1 letters`, () => {
    const bytes = Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x20, 0xc5, 0xff]);

    assert.deepEqual(library.decodeFileBytes(bytes), { text: "Café € Åÿ", encoding: "windows-1252" });
  });

  test(`${label} reads byte-order marks`, () => {
    const text = "displayName\nÉté €\n";
    const cases = [
      [Buffer.from(`\ufeff${text}`, "utf8"), "utf-8"],
      [Buffer.from(`\ufeff${text}`, "utf16le"), "utf-16le"],
      [Buffer.from(`\ufeff${text}`, "utf16le").swap16(), "utf-16be"],
      [Buffer.from(text, "utf8"), "utf-8"],
    ];
    for (const [bytes, encoding] of cases) {
      assert.deepEqual(library.decodeFileBytes(bytes), { text, encoding }, encoding);
    }
  });

  test(`${label} names encodings and formats`, () => {
    assert.equal(library.ENCODING_LABELS["utf-16be"], "UTF-16 BE");
    assert.equal(library.formatFromFileName("ROWS.JSON"), "json");
    assert.equal(library.formatFromFileName("rows.tsv"), "csv");
  });
}
