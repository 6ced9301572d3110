import { z } from "zod";
import { canonicalTimeZone, isCurrencyCode, regionName } from "./intl";

/** The settings form and the server action share this schema. Client-safe. */
export const settingsFormSchema = z
  .object({
    organisationName: z.string().trim().min(1, { error: "Enter your organisation's name." }).max(200),
    postalAddress: z.string().trim().max(500, { error: "Keep the address under 500 characters." }),
    timeZone: z
      .string()
      .trim()
      .transform((v, ctx) => {
        const tz = canonicalTimeZone(v);
        if (!tz) ctx.addIssue({ code: "custom", message: "Use an IANA time zone name such as Europe/London or UTC." });
        return tz ?? v;
      }),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isCurrencyCode, { error: "Use a three-letter ISO 4217 currency code such as GBP, EUR or USD." }),
    defaultPhoneRegion: z
      .string()
      .trim()
      .toUpperCase()
      .refine((v) => regionName(v) !== undefined, { error: "Use a two-letter ISO 3166 country code such as GB, DE or US." }),
    referenceDateMode: z.enum(["now", "pinned"]),
    referenceDate: z.string().trim().default(""),
  })
  .refine((v) => v.referenceDateMode !== "pinned" || isIsoDate(v.referenceDate), {
    path: ["referenceDate"],
    error: "Pick the date to pin analyses to (YYYY-MM-DD).",
    // Also check the date when other fields are invalid, so the form shows every problem at once.
    when: (payload) => {
      const v = payload.value as { referenceDateMode?: unknown; referenceDate?: unknown };
      return typeof v?.referenceDateMode === "string" && typeof v.referenceDate === "string";
    },
  });

export type SettingsFormInput = z.input<typeof settingsFormSchema>;
export type SettingsFormValues = z.output<typeof settingsFormSchema>;

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}
