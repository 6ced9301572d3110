import { z } from "zod";
import { purposeKeySchema } from "../../../consent/schemas";
import type { ConditionKind } from "../types";

export const consentConditionSchema = z.object({
  kind: z.literal("consent"),
  /** Any purpose on the Privacy page (built-in or added by an admin); the builder lists them all. */
  purpose: purposeKeySchema,
  allowed: z.boolean().default(true),
});
export type ConsentCondition = z.infer<typeof consentConditionSchema>;
export type ConsentConditionInput = z.input<typeof consentConditionSchema>;

export const consentKind: ConditionKind<ConsentCondition, ConsentConditionInput> = {
  kind: "consent",
  label: "Consent",
  description: "May (or may not) be used for a consent purpose: the latest record, else the purpose's default.",
  defaults: { kind: "consent", purpose: "email_marketing", allowed: true },
  schema: consentConditionSchema,
  describe: (c) => `${c.allowed ? "May" : "May not"} be used for ${c.purpose.replace(/_/g, " ")}`,
};
