// Decoding a rows file's bytes into text for parseAccessPackageRows, shared by the page and the
// command line. Spreadsheet programs save CSV as UTF-8 (with or without a byte-order mark), as
// UTF-16 with a mark, or in the system's ANSI code page, which is Windows-1252 for Western
// European locales. scripts/build.sh also writes this file as CommonJS, so it has no imports.

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

function startsWith(bytes, prefix) {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/**
 * Decodes a file's bytes, an ArrayBuffer or a typed array. A byte-order mark picks UTF-8,
 * UTF-16 LE or UTF-16 BE and is removed. Without one, the bytes are read as UTF-8 when they
 * are valid UTF-8 and as Windows-1252 otherwise. Returns `{ text, encoding }`, where
 * `encoding` is "utf-8", "utf-16le", "utf-16be" or "windows-1252".
 *
 * Bytes that are invalid in the encoding a mark names become U+FFFD.
 */
export function decodeFileBytes(buffer) {
  const bytes = ArrayBuffer.isView(buffer)
    ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
    : new Uint8Array(buffer);

  // TextDecoder removes the mark of its own encoding, so only the choice is made here.
  let encoding;
  if (startsWith(bytes, UTF8_BOM)) {
    encoding = "utf-8";
  } else if (startsWith(bytes, UTF16LE_BOM)) {
    encoding = "utf-16le";
  } else if (startsWith(bytes, UTF16BE_BOM)) {
    encoding = "utf-16be";
  }
  if (encoding !== undefined) {
    return { text: new TextDecoder(encoding).decode(bytes), encoding };
  }

  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch (error) {
    if (!(error instanceof TypeError)) {
      throw error;
    }
  }
  // Every byte has a Windows-1252 meaning in the WHATWG Encoding Standard, so this never fails.
  const text = new TextDecoder("windows-1252").decode(bytes);
  return { text: text.replace(/[\u0080-\u009f]/g, windows1252Character), encoding: "windows-1252" };
}

/**
 * The characters of bytes 0x80 to 0x9F in Windows-1252, from the WHATWG Encoding Standard's
 * index; 0x81, 0x8D, 0x8F, 0x90 and 0x9D stay the C1 controls of the same number.
 */
const WINDOWS_1252_C1 =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

// Node 20.18.3 and later (20.20.2 checked) decode "windows-1252" as ISO-8859-1, so bytes 0x80 to
// 0x9F come out as C1 controls, as reported in nodejs/node#60888. Browsers follow the standard,
// so there this maps only the five bytes that are controls in both, each to itself.
function windows1252Character(control) {
  return WINDOWS_1252_C1[control.charCodeAt(0) - 0x80];
}

/** The encodings of decodeFileBytes as people name them. */
export const ENCODING_LABELS = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16 LE",
  "utf-16be": "UTF-16 BE",
  "windows-1252": "Windows-1252",
};

/** Returns the rows format for a file name: "json" for a `.json` name in any case, else "csv". */
export function formatFromFileName(name) {
  return /\.json$/i.test(name) ? "json" : "csv";
}
