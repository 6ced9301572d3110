import { consentAllows } from "../../consent-sql";
import type { ReferenceAt } from "../types";
import type { ConsentCondition } from "./schema";

/** The customer's latest record for the purpose decides; without one, the purpose's built-in default. */
export function evaluateConsent(cond: ConsentCondition, { data, customer }: ReferenceAt): boolean {
  const latest = data.consents
    .filter((r) => r.customerId === customer.id && r.purpose === cond.purpose)
    .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || b.id - a.id)[0];
  const allowed = consentAllows(cond.purpose, latest?.status);
  return cond.allowed ? allowed : !allowed;
}
