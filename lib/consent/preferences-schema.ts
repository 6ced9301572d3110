import { z } from "zod";

/** The preference centre form; safe to import from the client. */
export const preferencesFormSchema = z.object({
  token: z.string().min(1).max(200),
  choices: z.record(z.string().regex(/^[a-z][a-z0-9_]{1,49}$/), z.boolean()),
});
export type PreferencesFormInput = z.infer<typeof preferencesFormSchema>;

/** Recorded as the "wording" proof of each change made in the preference centre. */
export const preferenceCentreVersion = "preference-centre v1";
