import { z } from "zod";

/** Suppression list forms; safe to import from the client. */
export const addSuppressionFormSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "Enter an email address such as anna@example.com." })),
  reason: z.enum(["unsubscribed", "hard_bounce", "complaint", "manual"], { error: "Choose a reason." }),
  note: z.string().trim().max(500).default(""),
});
export const csvUploadSchema = z.object({
  csv: z
    .string()
    .min(1, { error: "Choose a CSV file first." })
    .max(900_000, { error: "This form takes files up to 900 KB; split larger files." }),
  dryRun: z.boolean().default(false),
});
