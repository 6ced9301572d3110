import { z } from "zod";
import { opText, text } from "../../condition-fields";
import { defineConditionKind } from "../../define-condition";

export const rfmConditionSchema = z.object({
  kind: z.literal("rfm"),
  field: z.enum(["r", "f", "m", "segment", "code"]),
  op: z.enum(["eq", "neq", "gte", "lte", "in"]),
  value: z.union([z.number().int().min(1).max(5), text, z.array(text).max(20)]),
});
export type RfmCondition = z.infer<typeof rfmConditionSchema>;

export const rfmKind = defineConditionKind(rfmConditionSchema, {
  label: "RFM",
  description: "The customer's RFM segment, code or R, F or M score.",
  defaults: { kind: "rfm", field: "segment", op: "eq", value: "Champions" },
  describe: (c) =>
    `RFM ${c.field === "segment" ? "segment" : c.field === "code" ? "code" : `${c.field.toUpperCase()} score`} ${opText[c.op]} ${Array.isArray(c.value) ? c.value.join(", ") : String(c.value)}`,
});
