import { z } from "zod";

const entrySchema = z.union([z.string().email(), z.string().regex(/^@[a-z0-9.-]+\.[a-z]{2,}$/i)]);

/** The Settings page's test-send form (client-safe). */
export const testSendAddressesSchema = z.object({
  /** One address (or "@example.com" for a whole domain) a line, or separated by commas. */
  addresses: z
    .string()
    .max(20_000, { error: "Keep the list under 20,000 characters; allow a whole domain with @example.com." })
    .transform((text, ctx) => {
      const entries = [
        ...new Set(
          text
            .split(/[\s,;]+/)
            .map((e) => e.trim().toLowerCase())
            .filter(Boolean),
        ),
      ];
      const bad = entries.filter((e) => !entrySchema.safeParse(e).success);
      if (bad.length)
        ctx.addIssue({
          code: "custom",
          message: `${bad.slice(0, 3).join(", ")} ${bad.length === 1 ? "is not an address" : "are not addresses"}: write one address (or @example.com for a whole domain) a line.`,
        });
      return entries;
    }),
});
