// Turning a chosen file's bytes into text for parseAccessPackageRows. Spreadsheet programs save
// CSV as UTF-8 (with or without a byte-order mark), as UTF-16 with a mark, or in the system's
// ANSI code page, which is Windows-1252 for Western European locales.

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
  return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252" };
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
