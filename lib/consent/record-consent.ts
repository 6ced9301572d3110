import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db, type Prisma } from "../db";
import { AppError } from "../errors";
import type { ConsentStatusValue } from "./derive-consent-status";
import { addSuppression } from "./add-suppression";
import { addressHash } from "./installation-secret";
import { getConsentPurpose } from "./purposes";
import type { ConsentProof, ConsentSource } from "./schemas";

export interface RecordConsentOptions {
  customerId: number;
  purpose: string;
  status: ConsentStatusValue;
  source: ConsentSource;
  proof?: ConsentProof;
  occurredAt?: Date;
  /** The signed-in user who recorded it (admin changes); null for the person themself or the system. */
  recordedById?: string | null;
  actor: Actor;
}

/**
 * Appends one consent record (never edits one) and writes the audit log. Withdrawing email
 * marketing through an unsubscribe link also suppresses the address; a grant through the person's
 * own preference centre lifts an "unsubscribed" suppression. A grant from any other source for a
 * suppressed address is refused, so no import or API call silently resubscribes anyone.
 */
export async function recordConsent(options: RecordConsentOptions) {
  const purpose = await getConsentPurpose({ key: options.purpose });
  if (!purpose) throw new AppError("unprocessable", `There is no consent purpose "${options.purpose}". Add it on the Privacy page first.`);
  return db.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { id: options.customerId }, select: { id: true, email: true } });
    if (!customer) throw new AppError("not_found", `There is no customer #${options.customerId}.`);
    const email = customer.email;
    if (purpose.key === "email_marketing" && options.status === "granted" && email) {
      const suppressed = await tx.suppression.findFirst({ where: { addressHash: addressHash(email) }, select: { id: true, reason: true } });
      if (suppressed) {
        if (options.source === "preference_centre" && suppressed.reason === "unsubscribed") {
          await tx.suppression.delete({ where: { id: suppressed.id } });
          await writeAuditLog(
            {
              actor: options.actor,
              action: "suppression.delete",
              targetType: "suppression",
              targetId: suppressed.id,
              before: { reason: "unsubscribed" },
            },
            tx,
          );
        } else {
          throw new AppError(
            "conflict",
            `The address of customer #${customer.id} is on the suppression list (${suppressed.reason.replace("_", " ")}); only the person themself can resubscribe, through their preference centre.`,
          );
        }
      }
    }
    const record = await tx.consentRecord.create({
      data: {
        customerId: customer.id,
        purpose: purpose.key,
        status: options.status,
        source: options.source,
        occurredAt: options.occurredAt ?? new Date(),
        proof: (options.proof ?? {}) as Prisma.InputJsonValue,
        recordedById: options.recordedById ?? null,
      },
      select: { id: true, purpose: true, status: true, source: true, occurredAt: true },
    });
    await writeAuditLog(
      {
        actor: options.actor,
        action: "consent.record",
        targetType: "customer",
        targetId: customer.id,
        after: { purpose: record.purpose, status: record.status, source: record.source, reason: options.proof?.reason },
      },
      tx,
    );
    if (purpose.key === "email_marketing" && options.status !== "granted" && email && options.source === "unsubscribe_link") {
      await addSuppression({ email, reason: "unsubscribed", source: options.source, actor: options.actor, tx });
    }
    return record;
  });
}
