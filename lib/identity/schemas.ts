import { z } from "zod";

/** Undo a recorded merge (admin). Safe to import from the client. */
export const undoMergeSchema = z.object({ mergeId: z.coerce.number().int().positive() });

/** The identity rules form (admins): blocklist one identifier per line. */
export const identitySettingsFormSchema = z.object({
  maxProfilesPerIdentifier: z.coerce
    .number({ error: "Enter a whole number" })
    .int("Enter a whole number")
    .min(2, "At least 2: an identifier must be able to join two profiles")
    .max(10_000, "At most 10,000"),
  blocklist: z
    .string()
    .default("")
    .transform((text) => [
      ...new Set(
        text
          .split(/\r?\n/)
          .map((v) => v.trim().toLowerCase())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.string().max(320, "Each blocklist entry is at most 320 characters")).max(1000, "At most 1,000 blocklist entries")),
});
export type IdentitySettingsFormInput = z.input<typeof identitySettingsFormSchema>;
