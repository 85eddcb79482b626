// Choosing the rows file: the file input, the drop zone around it, and reading the file.

import { ENCODING_LABELS, decodeFileBytes, formatFromFileName } from "./bulk-decode.js";

function hasFiles(event) {
  return event.dataTransfer?.types.includes("Files") ?? false;
}

/**
 * Calls `onFiles(files)` with the files chosen in `input` or dropped on `dropZone`. A file
 * dropped elsewhere on the page is ignored rather than opened by the browser, which would
 * leave the page and lose the token and the results.
 */
export function setUpFileChoice({ input, dropZone }, onFiles) {
  input.addEventListener("change", () => {
    if (input.files.length > 0) {
      onFiles([...input.files]);
    }
  });

  for (const type of ["dragenter", "dragover"]) {
    dropZone.addEventListener(type, (event) => {
      if (!hasFiles(event) || input.disabled) {
        return;
      }
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
      dropZone.classList.add("drop-zone-active");
    });
  }
  dropZone.addEventListener("dragleave", (event) => {
    if (!dropZone.contains(event.relatedTarget)) {
      dropZone.classList.remove("drop-zone-active");
    }
  });
  dropZone.addEventListener("drop", (event) => {
    event.preventDefault();
    dropZone.classList.remove("drop-zone-active");
    if (!input.disabled && event.dataTransfer.files.length > 0) {
      onFiles([...event.dataTransfer.files]);
    }
  });

  for (const type of ["dragover", "drop"]) {
    window.addEventListener(type, (event) => {
      if (hasFiles(event) && !dropZone.contains(event.target)) {
        event.preventDefault();
      }
    });
  }
}

/**
 * Reads a File's bytes, decodes them and parses the rows with the library. Resolves to
 * `{ name, format, encoding, parsed }`, where `parsed` is parseAccessPackageRows's result.
 */
export async function readRowsFile(library, file) {
  const { text, encoding } = decodeFileBytes(await file.arrayBuffer());
  const format = formatFromFileName(file.name);
  const parsed = library.parseAccessPackageRows(text, { format });
  return { name: file.name, format, encoding, parsed };
}

/** Returns a sentence on how a file was read. */
export function describeRowsFile(file) {
  const count = file.parsed.rows.length;
  const rows = count === 1 ? "1 row" : `${count} rows`;
  return `Read ${file.name} as ${file.format.toUpperCase()} in ${ENCODING_LABELS[file.encoding]}: ${rows}.`;
}
