// valibot: the rules as a strict object schema with pipes.
import * as v from "valibot";

import { NIL_GUID, NO_CONTROL, NO_CONTROL_BUT_LINES, NOT_BLANK, toBody } from "./rules.mjs";

const guid = v.pipe(
  v.string(),
  v.uuid(),
  v.check((id) => id !== NIL_GUID, "must not be the nil GUID"),
);

const schema = v.pipe(
  v.strictObject({
    displayName: v.pipe(v.string(), v.regex(NOT_BLANK), v.regex(NO_CONTROL)),
    description: v.optional(v.pipe(v.string(), v.regex(NO_CONTROL_BUT_LINES))),
    isHidden: v.optional(v.boolean()),
    catalogId: v.optional(guid),
    catalog: v.optional(v.strictObject({ id: guid })),
  }),
  v.check(
    (input) => input.catalogId !== undefined || input.catalog !== undefined,
    "catalogId is required",
  ),
);

/** valibot's safeParse, which collects every issue unless abortEarly is set. */
export const valibotPeer = {
  name: "valibot",
  validate(input) {
    const result = v.safeParse(schema, input);
    return result.success ? { valid: true } : { valid: false, problems: result.issues };
  },
  buildBody(input) {
    const result = v.safeParse(schema, input);
    if (!result.success) {
      return { valid: false, problems: result.issues };
    }
    return { valid: true, body: toBody(result.output) };
  },
};
