// zod: the rules as a strict object schema.
import { z } from "zod";

import { NIL_GUID, NO_CONTROL, NO_CONTROL_BUT_LINES, NOT_BLANK, toBody } from "./rules.mjs";

const guid = z.guid().refine((id) => id !== NIL_GUID, "must not be the nil GUID");

const schema = z
  .strictObject({
    displayName: z.string().regex(NOT_BLANK).regex(NO_CONTROL),
    description: z.string().regex(NO_CONTROL_BUT_LINES).optional(),
    isHidden: z.boolean().optional(),
    catalogId: guid.optional(),
    catalog: z.strictObject({ id: guid }).optional(),
  })
  .refine((input) => input.catalogId !== undefined || input.catalog !== undefined, {
    message: "catalogId is required",
    path: ["catalogId"],
  });

/** zod's safeParse, which collects every issue. */
export const zodPeer = {
  name: "zod",
  validate(input) {
    const result = schema.safeParse(input);
    return result.success ? { valid: true } : { valid: false, problems: result.error.issues };
  },
  buildBody(input) {
    const result = schema.safeParse(input);
    if (!result.success) {
      return { valid: false, problems: result.error.issues };
    }
    return { valid: true, body: toBody(result.data) };
  },
};
