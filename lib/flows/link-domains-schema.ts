import { z } from "zod";

const domain = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The Settings page's form for the domains flow emails may link to (client-safe). */
export const flowLinkDomainsSchema = z.object({
  /** One domain a line (or separated by commas); a domain also allows its subdomains. */
  domains: z
    .string()
    .max(5_000, { error: "Keep the list under 5,000 characters: a domain also allows its subdomains." })
    .transform((text, ctx) => {
      const entries = [
        ...new Set(
          text
            .split(/[\s,;]+/)
            .map((e) =>
              e
                .trim()
                .toLowerCase()
                .replace(/^https?:\/\//, "")
                .replace(/\/.*$/, ""),
            )
            .filter(Boolean),
        ),
      ];
      const bad = entries.filter((e) => !domain.test(e));
      if (bad.length)
        ctx.addIssue({
          code: "custom",
          message: `${bad.slice(0, 3).join(", ")} ${bad.length === 1 ? "is not a domain" : "are not domains"}: write one domain a line, such as shop.example.com.`,
        });
      return entries;
    }),
});
