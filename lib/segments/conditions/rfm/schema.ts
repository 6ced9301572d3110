import { z } from "zod";
import { opText, text } from "../../condition-fields";
import type { ConditionKind } from "../types";

export const rfmConditionSchema = z.object({
  kind: z.literal("rfm"),
  field: z.enum(["r", "f", "m", "segment", "code"]),
  op: z.enum(["eq", "neq", "gte", "lte", "in"]),
  value: z.union([z.number().int().min(1).max(5), text, z.array(text).max(20)]),
});
export type RfmCondition = z.infer<typeof rfmConditionSchema>;
export type RfmConditionInput = z.input<typeof rfmConditionSchema>;

export const rfmKind: ConditionKind<RfmCondition, RfmConditionInput> = {
  kind: "rfm",
  label: "RFM",
  description: "The customer's RFM segment, code or R, F or M score.",
  defaults: { kind: "rfm", field: "segment", op: "eq", value: "Champions" },
  schema: rfmConditionSchema,
  describe: (c) =>
    `RFM ${c.field === "segment" ? "segment" : c.field === "code" ? "code" : `${c.field.toUpperCase()} score`} ${opText[c.op]} ${Array.isArray(c.value) ? c.value.join(", ") : String(c.value)}`,
};
