// The page reads rows files with the package's decoder, so that the page and the command line
// decode the same bytes the same way.
export { ENCODING_LABELS, decodeFileBytes, formatFromFileName } from "/pkg/decode.js";
