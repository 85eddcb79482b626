// Ajv: the rules as a JSON Schema, compiled once to a JavaScript function.
import Ajv from "ajv";
import addFormats from "ajv-formats";

import { NIL_GUID, NO_CONTROL, NO_CONTROL_BUT_LINES, NOT_BLANK, toBody } from "./rules.mjs";

// ajv-formats' uuid format also accepts a "urn:uuid:" prefix, and maxLength 36 rejects it.
const guid = { type: "string", format: "uuid", maxLength: 36, not: { const: NIL_GUID } };

const schema = {
  type: "object",
  properties: {
    displayName: {
      type: "string",
      allOf: [{ pattern: NOT_BLANK.source }, { pattern: NO_CONTROL.source }],
    },
    description: { type: "string", pattern: NO_CONTROL_BUT_LINES.source },
    isHidden: { type: "boolean" },
    catalogId: guid,
    catalog: {
      type: "object",
      properties: { id: guid },
      required: ["id"],
      additionalProperties: false,
    },
  },
  required: ["displayName"],
  anyOf: [{ required: ["catalogId"] }, { required: ["catalog"] }],
  additionalProperties: false,
};

const ajv = new Ajv({ allErrors: true });
addFormats(ajv, ["uuid"]);
const validate = ajv.compile(schema);

/** Ajv with every error collected (allErrors), as the library collects every problem. */
export const ajvPeer = {
  name: "Ajv",
  validate(input) {
    return validate(input) ? { valid: true } : { valid: false, problems: validate.errors };
  },
  buildBody(input) {
    if (!validate(input)) {
      return { valid: false, problems: validate.errors };
    }
    return { valid: true, body: toBody(input) };
  },
};
