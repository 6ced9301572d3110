import { z } from "zod";

/** Reasons an admin or a file may give (erasure is Tailor's own, never entered by hand or imported). */
export const importableSuppressionReasons = ["unsubscribed", "hard_bounce", "complaint", "manual"] as const;

/** Suppression list forms; safe to import from the client. */
export const addSuppressionFormSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "Enter an email address such as anna@example.com." })),
  reason: z.enum(importableSuppressionReasons, { error: "Choose a reason." }),
  note: z.string().trim().max(500).default(""),
});
