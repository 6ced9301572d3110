import { z } from "zod";

/** Consent schemas shared by forms, routes, imports and lib/; safe to import from the client. */

export const consentStatuses = ["granted", "denied", "withdrawn"] as const;
export const consentSources = ["import", "tracking_api", "preference_centre", "unsubscribe_link", "admin"] as const;
export type ConsentSource = (typeof consentSources)[number];

export const consentDefaults = ["opt_in", "opt_out"] as const;
export type ConsentDefaultRule = (typeof consentDefaults)[number];

export const purposeKeySchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,49}$/, { error: "Use 2–50 lower-case letters, digits or _ starting with a letter, e.g. sms_marketing." });

export const consentProofSchema = z
  .object({
    ip: z.string().max(100).optional(),
    userAgent: z.string().max(500).optional(),
    /** The wording shown or the form version, e.g. "checkout-2024-03 v2". */
    wording: z.string().max(2000).optional(),
    /** Why an admin recorded the change (mandatory for admins). */
    reason: z.string().max(2000).optional(),
  })
  .strict();
export type ConsentProof = z.infer<typeof consentProofSchema>;

export const recordConsentFormSchema = z.object({
  customerId: z.coerce.number().int().positive(),
  purpose: purposeKeySchema,
  status: z.enum(consentStatuses, { error: "Choose granted, denied or withdrawn." }),
  reason: z
    .string()
    .trim()
    .min(5, { error: "Say why you record this change (at least 5 characters), e.g. “Customer asked by phone on 3 May”." })
    .max(2000),
});
export type RecordConsentFormInput = z.input<typeof recordConsentFormSchema>;

export const purposeFormSchema = z.object({
  key: purposeKeySchema,
  label: z.string().trim().min(2, { error: "Give the purpose a name people understand, e.g. SMS marketing." }).max(100),
  description: z.string().trim().max(500).default(""),
  defaultRule: z.enum(consentDefaults, { error: "Choose whether a person without a record is opted in or out." }),
});
export type PurposeFormInput = z.input<typeof purposeFormSchema>;

/** Why an admin makes a change that decides who may be emailed or what a user may do (kept in the audit log). */
export const changeReasonSchema = z
  .string()
  .trim()
  .min(5, { error: "Say why you make this change (at least 5 characters); it is kept in the audit log." })
  .max(2000);

export const purposeDefaultPreviewSchema = z.object({
  key: purposeKeySchema,
  defaultRule: z.enum(consentDefaults),
});

export const purposeDefaultFormSchema = purposeDefaultPreviewSchema.extend({ reason: changeReasonSchema });
