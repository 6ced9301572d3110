import { systemActor } from "../audit/write-audit-log";
import { db } from "../db";
import { isAppError } from "../errors";
import { listConsentPurposes } from "./purposes";
import { recordConsent } from "./record-consent";

/** The tracking calls that state consent: Segment's consent event (with or without its prefix). */
export const CONSENT_EVENTS = new Set(["Segment Consent Preference Updated", "Consent Preference Updated"]);

export interface TrackedConsentCall {
  customerId: number;
  occurredAt: Date;
  messageId: string;
  /** The call as received: `context.consent.categoryPreferences` holds { <purpose>: true | false }. */
  payload: Record<string, unknown>;
}

/**
 * Records the consent a tracking call states, per purpose Tailor knows (other categories are
 * ignored): true → granted; false → withdrawn if the person had granted it, else denied. Proof: the
 * call's IP, user agent and messageId. A grant for a suppressed address is refused (logged), as for
 * imports. Returns how many records were appended.
 */
export async function recordTrackedConsent(calls: TrackedConsentCall[]): Promise<number> {
  if (calls.length === 0) return 0;
  const known = new Set((await listConsentPurposes()).map((p) => p.key));
  let recorded = 0;
  for (const call of calls) {
    const context = (call.payload.context ?? {}) as Record<string, unknown>;
    const prefs = ((context.consent ?? {}) as { categoryPreferences?: Record<string, unknown> }).categoryPreferences ?? {};
    for (const [purpose, value] of Object.entries(prefs)) {
      if (!known.has(purpose) || typeof value !== "boolean") continue;
      let status: "granted" | "withdrawn" | "denied" = "granted";
      if (!value) {
        const granted = await db.consentRecord.count({ where: { customerId: call.customerId, purpose, status: "granted" } });
        status = granted > 0 ? "withdrawn" : "denied";
      }
      const text = (v: unknown, max: number) => (typeof v === "string" && v ? v.slice(0, max) : undefined);
      const proof = {
        ip: text(context.ip, 100),
        userAgent: text(context.userAgent, 500),
        wording: `tracking call ${call.messageId} (${String(call.payload.event)})`,
      };
      try {
        await recordConsent({
          customerId: call.customerId,
          purpose,
          status,
          source: "tracking_api",
          proof,
          occurredAt: call.occurredAt,
          actor: systemActor("worker"),
        });
        recorded++;
      } catch (e) {
        if (!isAppError(e)) throw e;
        console.warn(`Consent from tracking call ${call.messageId} not recorded: ${e.message}`);
      }
    }
  }
  return recorded;
}
