import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db } from "../db";
import type { SuppressionReason } from "../generated/prisma/enums";
import { addressHash } from "./installation-secret";

/**
 * Puts many addresses on the suppression list in one statement (imports: Mailchimp's cleaned list).
 * Addresses already there keep their entry. Returns how many were added.
 */
export async function addSuppressions(options: {
  emails: string[];
  reason: SuppressionReason;
  source: string;
  actor: Actor;
}): Promise<number> {
  const emails = [...new Set(options.emails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
  if (emails.length === 0) return 0;
  const added = await db.$executeRaw`
    INSERT INTO suppressions (address_hash, email, reason, source, created_by_id)
    SELECT h, e, ${options.reason}::"SuppressionReason", ${options.source}, ${options.actor.id}
    FROM unnest(${emails.map(addressHash)}::text[], ${emails}::text[]) AS u(h, e)
    ON CONFLICT (address_hash) DO NOTHING`;
  if (added > 0) {
    await writeAuditLog({
      actor: options.actor,
      action: "suppression.import",
      targetType: "suppression",
      after: { reason: options.reason, source: options.source, added },
    });
  }
  return added;
}
