import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { moveCampaignHistory } from "../campaigns/merge-campaign-history";
import type { Prisma } from "../db";
import { moveFlowRuns } from "../flows/merge-flow-runs";
import { describeIdentifier, type Identifier } from "./identifier";

type Tx = Prisma.TransactionClient;

/**
 * Folds customer `mergedId` into `survivorId` inside the caller's transaction: identities, events,
 * orders, consent records, campaign history (send ledger, email interactions, frequency-cap rows)
 * and flow runs (lib/flows/merge-flow-runs.ts: a person inside a flow continues, never twice) move over; the survivor keeps its own values and takes
 * the merged profile's where it had none; the merged row is deleted. The merge is recorded (who,
 * when, which identifier) with everything needed to undo it, and written to the audit log.
 */
export async function mergeCustomers(options: {
  tx: Tx;
  survivorId: number;
  mergedId: number;
  identifier: Identifier;
  reason: string;
  actor: Actor;
}): Promise<number> {
  const { tx, survivorId, mergedId } = options;
  const snapshots = await tx.$queryRaw<{ id: number; row: Record<string, unknown> }[]>`
    SELECT id, to_jsonb(c) AS row FROM customers c WHERE id IN (${survivorId}, ${mergedId}) FOR UPDATE`;
  const merged = snapshots.find((s) => s.id === mergedId)?.row;
  const survivor = snapshots.find((s) => s.id === survivorId)?.row;
  if (!merged || !survivor) throw new Error(`Cannot merge #${mergedId} into #${survivorId}: one of them no longer exists.`);

  const ids = async (sql: Promise<{ id: number | bigint }[]>) => (await sql).map((r) => r.id);
  const identityIds = await ids(
    tx.$queryRaw`UPDATE identities SET customer_id = ${survivorId} WHERE customer_id = ${mergedId} RETURNING id`,
  );
  const eventIds = await ids(tx.$queryRaw`UPDATE events SET customer_id = ${survivorId} WHERE customer_id = ${mergedId} RETURNING id`);
  const orderIds = await ids(tx.$queryRaw`UPDATE orders SET customer_id = ${survivorId} WHERE customer_id = ${mergedId} RETURNING id`);
  const consentIds = await ids(
    tx.$queryRaw`UPDATE consent_records SET customer_id = ${survivorId} WHERE customer_id = ${mergedId} RETURNING id`,
  );
  const campaignHistory = await moveCampaignHistory(tx, survivorId, mergedId);
  const movedFlowRunIds = await moveFlowRuns(tx, survivorId, mergedId);

  await tx.$executeRaw`
    UPDATE customers s SET
      email = coalesce(s.email, m.email),
      first_name = coalesce(s.first_name, m.first_name),
      last_name = coalesce(s.last_name, m.last_name),
      phone = coalesce(s.phone, m.phone),
      country = coalesce(s.country, m.country),
      city = coalesce(s.city, m.city),
      attributes = m.attributes || s.attributes,
      first_seen_at = least(s.first_seen_at, m.first_seen_at),
      last_seen_at = greatest(s.last_seen_at, m.last_seen_at),
      updated_at = now()
    FROM customers m WHERE s.id = ${survivorId} AND m.id = ${mergedId}`;
  // The merged row's features, segment memberships and transitions go with it (ON DELETE CASCADE);
  // the survivor is re-evaluated in full once the transaction commits (change kind "merged"). The
  // stored sizes of the segments it leaves drop by one now: if the survivor does not enter them, no
  // recount would happen.
  await tx.$executeRaw`
    WITH left_segments AS (DELETE FROM segment_members WHERE customer_id = ${mergedId} RETURNING segment_id),
    counts AS (UPDATE segments s SET member_count = greatest(s.member_count - 1, 0) FROM left_segments l WHERE s.id = l.segment_id)
    UPDATE segment_sizes z SET size = greatest(z.size - 1, 0) FROM left_segments l WHERE z.segment_id = l.segment_id AND z.day = current_date`;
  await tx.$executeRaw`DELETE FROM customers WHERE id = ${mergedId}`;

  const record = await tx.customerMerge.create({
    data: {
      survivorId,
      mergedId,
      identifierType: options.identifier.type,
      identifierSource: options.identifier.source,
      identifierValue: options.identifier.value,
      reason: options.reason,
      actorLabel: options.actor.label,
      mergedSnapshot: merged as Prisma.InputJsonValue,
      survivorBefore: survivor as Prisma.InputJsonValue,
      movedIdentityIds: identityIds.map(Number),
      movedEventIds: eventIds.map((id) => BigInt(id)),
      movedOrderIds: orderIds.map(Number),
      movedConsentIds: consentIds.map((id) => BigInt(id)),
      ...campaignHistory,
      movedFlowRunIds,
      ledgerConflicts: campaignHistory.ledgerConflicts as Prisma.InputJsonValue,
    },
    select: { id: true },
  });
  await writeAuditLog(
    {
      actor: options.actor,
      action: "customer.merged",
      targetType: "customer",
      targetId: survivorId,
      before: { mergedId },
      after: {
        mergeId: record.id,
        identifier: describeIdentifier(options.identifier),
        reason: options.reason,
        moved: {
          identities: identityIds.length,
          events: eventIds.length,
          orders: orderIds.length,
          consents: consentIds.length,
          campaignSends: campaignHistory.movedSendCampaignIds.length + (campaignHistory.ledgerConflicts.sends?.length ?? 0),
          emailInteractions: campaignHistory.movedInteractionIds.length,
          flowRuns: movedFlowRunIds.length,
        },
      },
    },
    tx,
  );
  return record.id;
}
