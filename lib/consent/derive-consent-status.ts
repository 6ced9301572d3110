import type { ConsentDefaultRule } from "./schemas";

export type ConsentStatusValue = "granted" | "denied" | "withdrawn";

export interface ConsentEvent {
  status: ConsentStatusValue;
  occurredAt: Date;
  /** Ties on occurredAt are broken by insertion order (the record id). */
  id: bigint | number;
}

export interface DerivedConsent {
  /** May Tailor use the person for the purpose right now? */
  allowed: boolean;
  /** The latest record's status, or null when the person has no record (the default applies). */
  status: ConsentStatusValue | null;
  /** "record" when a record decides, "default" when the purpose's default rule does. */
  basis: "record" | "default";
  since: Date | null;
}

/**
 * The current consent for one person and purpose, derived from the append-only history (never
 * stored): the latest record by occurredAt (then id) decides; without records the default rule does.
 */
export function deriveConsentStatus(options: { history: readonly ConsentEvent[]; defaultRule: ConsentDefaultRule }): DerivedConsent {
  let latest: ConsentEvent | undefined;
  for (const e of options.history) {
    if (
      !latest ||
      e.occurredAt.getTime() > latest.occurredAt.getTime() ||
      (e.occurredAt.getTime() === latest.occurredAt.getTime() && BigInt(e.id) > BigInt(latest.id))
    ) {
      latest = e;
    }
  }
  if (!latest) return { allowed: options.defaultRule === "opt_out", status: null, basis: "default", since: null };
  return { allowed: latest.status === "granted", status: latest.status, basis: "record", since: latest.occurredAt };
}
