import { installationHmac } from "../consent/installation-secret";

/** The pseudonymous reference a data subject request is filed under: "dsr_" + 16 hex of an HMAC of the customer id. */
export function subjectReference(customerId: number): string {
  return `dsr_${installationHmac("subject-ref", String(customerId)).slice(0, 16)}`;
}
