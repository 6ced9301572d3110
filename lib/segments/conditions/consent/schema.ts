import { z } from "zod";
import { purposeKeySchema } from "../../../consent/schemas";
import { defineConditionKind } from "../../define-condition";

export const consentConditionSchema = z.object({
  kind: z.literal("consent"),
  /** Any purpose on the Privacy page (built-in or added by an admin); the builder lists them all. */
  purpose: purposeKeySchema,
  allowed: z.boolean().default(true),
});
export type ConsentCondition = z.infer<typeof consentConditionSchema>;

export const consentKind = defineConditionKind(consentConditionSchema, {
  label: "Consent",
  description: "May (or may not) be used for a consent purpose: the latest record, else the purpose's default.",
  defaults: { kind: "consent", purpose: "email_marketing", allowed: true },
  describe: (c) => `${c.allowed ? "May" : "May not"} be used for ${c.purpose.replace(/_/g, " ")}`,
});
