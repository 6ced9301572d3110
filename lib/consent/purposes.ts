import { db } from "../db";
import type { ConsentDefaultRule } from "./schemas";

export interface ConsentPurposeInfo {
  key: string;
  label: string;
  description: string;
  /** What the person reads on the public preference page (no admin vocabulary). */
  publicDescription: string;
  /** What applies without a record: opt_in → not allowed until granted; opt_out → allowed until objected. */
  defaultRule: ConsentDefaultRule;
  builtIn: boolean;
}

/** The purposes every installation has, with their default rules (an admin may change the rule). */
export const builtInPurposes: readonly ConsentPurposeInfo[] = [
  {
    key: "email_marketing",
    label: "Email marketing",
    description: "Newsletters and campaigns. Needs a grant (opt-in) unless an admin chose otherwise.",
    publicDescription: "Our newsletters, offers and news by email.",
    defaultRule: "opt_in",
    builtIn: true,
  },
  {
    key: "personalization",
    label: "Personalization and profiling",
    description: "Segments, clusters and scores built from the person's behaviour. Allowed unless the person objected.",
    publicDescription: "We use what you buy and browse with us to choose what we show and send you.",
    defaultRule: "opt_out",
    builtIn: true,
  },
];

/** Built-in purposes (with any admin override of their default) followed by admin-added ones. */
export async function listConsentPurposes(): Promise<ConsentPurposeInfo[]> {
  const rows = await db.consentPurpose.findMany({ orderBy: { createdAt: "asc" } });
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const builtIn = builtInPurposes.map((p) => {
    const row = byKey.get(p.key);
    return row ? { ...p, defaultRule: row.defaultRule } : p;
  });
  const added = rows
    .filter((r) => !builtInPurposes.some((p) => p.key === r.key))
    .map((r) => ({
      key: r.key,
      label: r.label,
      description: r.description,
      // An admin-added purpose has one description, written for the people who read it.
      publicDescription: r.description,
      defaultRule: r.defaultRule,
      builtIn: false,
    }));
  return [...builtIn, ...added];
}

/** One purpose, or null when nobody defined it. */
export async function getConsentPurpose(options: { key: string }): Promise<ConsentPurposeInfo | null> {
  return (await listConsentPurposes()).find((p) => p.key === options.key) ?? null;
}
