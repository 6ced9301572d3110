import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { restoreCampaignHistory } from "../campaigns/merge-campaign-history";
import { db, type Prisma } from "../db";
import { restoreFlowRuns } from "../flows/merge-flow-runs";
import { AppError } from "../errors";
import { MERGED_CHANGE } from "../segments/change-kinds";
import { onCustomersChanged } from "../segments/on-customers-changed";

const filledColumns = ["email", "first_name", "last_name", "phone", "country", "city"] as const;

/**
 * Undoes a recorded merge: the merged profile comes back with its id and columns, and the rows that
 * moved (identities, events, orders, consent, campaign history) move back — those still on the
 * survivor — and so do the tracking calls folded in since (the triggering call included) whose
 * userId, or else anonymousId, is the restored profile's. Values the survivor only had from the
 * merged profile are cleared again. The pair is then never merged again automatically (the resolver
 * flags it instead). Both profiles' features and segment memberships are then recomputed.
 */
export async function undoMerge(options: { mergeId: number; actor: Actor }): Promise<{ survivorId: number; restoredId: number }> {
  const result = await db.$transaction(
    async (tx) => {
      const merge = await tx.customerMerge.findUnique({ where: { id: options.mergeId } });
      if (!merge) throw new AppError("not_found", `There is no merge #${options.mergeId}; reload the page.`);
      if (merge.undoneAt)
        throw new AppError(
          "conflict",
          `Merge #${merge.id} was already undone on ${merge.undoneAt.toISOString()} by ${merge.undoneBy ?? "someone"}.`,
        );
      const survivor = await tx.customer.findUnique({ where: { id: merge.survivorId }, select: { id: true, attributes: true } });
      if (!survivor) {
        const later = await tx.customerMerge.findFirst({
          where: { mergedId: merge.survivorId, undoneAt: null },
          select: { id: true, survivorId: true },
        });
        throw new AppError(
          "conflict",
          later
            ? `Customer #${merge.survivorId} was itself merged into #${later.survivorId} afterwards (merge #${later.id}); undo that merge first.`
            : `Customer #${merge.survivorId} no longer exists, so this merge cannot be undone.`,
        );
      }
      if (await tx.customer.findUnique({ where: { id: merge.mergedId }, select: { id: true } })) {
        throw new AppError("conflict", `Customer #${merge.mergedId} exists again already; nothing to undo.`);
      }
      const snapshot = JSON.stringify(merge.mergedSnapshot);
      await tx.$executeRaw`INSERT INTO customers SELECT * FROM jsonb_populate_record(null::customers, ${snapshot}::jsonb)`;

      const s = merge.survivorId;
      const m = merge.mergedId;
      await tx.$executeRaw`UPDATE identities SET customer_id = ${m} WHERE customer_id = ${s} AND id = ANY(${merge.movedIdentityIds}::int[])`;
      await tx.$executeRaw`UPDATE events SET customer_id = ${m} WHERE customer_id = ${s} AND id = ANY(${merge.movedEventIds.map(String)}::bigint[])`;
      await tx.$executeRaw`UPDATE orders SET customer_id = ${m} WHERE customer_id = ${s} AND id = ANY(${merge.movedOrderIds}::int[])`;
      await tx.$executeRaw`UPDATE consent_records SET customer_id = ${m} WHERE customer_id = ${s} AND id = ANY(${merge.movedConsentIds.map(String)}::bigint[])`;
      await restoreCampaignHistory(tx, merge);
      await restoreFlowRuns(tx, merge);
      // Tracking calls on the survivor follow the identifier they came with, now that the identifiers
      // are back where they were (the userId's profile first, else the anonymousId's): the call that
      // caused the merge and those folded in since, which no recorded move covers.
      const followed = await tx.$queryRaw<{ at: Date | null }[]>`
        WITH calls AS (
          SELECT e.id, t.user_id, t.anonymous_id, coalesce(k.source, 'api') AS source
          FROM events e
          JOIN tracking_events t ON t.api_key_id = e.api_key_id AND t.message_id = e.message_id
          LEFT JOIN api_keys k ON k.id = t.api_key_id
          WHERE e.customer_id = ${s}
        ), owner AS (
          SELECT c.id, coalesce(
            (SELECT i.customer_id FROM identities i WHERE i.type = 'external_id' AND i.source = c.source AND i.value = c.user_id),
            (SELECT i.customer_id FROM identities i WHERE i.type = 'anonymous_id' AND i.source = '' AND i.value = c.anonymous_id)) AS customer_id
          FROM calls c
        )
        UPDATE events e SET customer_id = ${m} FROM owner o WHERE e.id = o.id AND o.customer_id = ${m}
        RETURNING e.occurred_at AS at`;
      if (followed.length) {
        const last = followed.reduce((a, f) => (f.at && (!a || f.at > a) ? f.at : a), null as Date | null);
        await tx.$executeRaw`UPDATE customers SET last_seen_at = greatest(last_seen_at, ${last}) WHERE id = ${m}`;
      }

      // The survivor gives back what it only had from the merged profile.
      const before = merge.survivorBefore as Record<string, unknown>;
      const mergedRow = merge.mergedSnapshot as Record<string, unknown>;
      const current = await tx.$queryRaw<Record<string, unknown>[]>`SELECT to_jsonb(c) AS row FROM customers c WHERE id = ${s}`;
      const now = (current[0]?.row ?? {}) as Record<string, unknown>;
      const clear = filledColumns.filter((c) => before[c] == null && now[c] != null && now[c] === mergedRow[c]);
      const beforeAttrs = (before.attributes ?? {}) as Record<string, unknown>;
      const mergedAttrs = (mergedRow.attributes ?? {}) as Record<string, unknown>;
      const attrs = { ...(survivor.attributes as Record<string, unknown>) };
      for (const [k, v] of Object.entries(mergedAttrs)) {
        if (!(k in beforeAttrs) && JSON.stringify(attrs[k]) === JSON.stringify(v)) delete attrs[k];
      }
      await tx.customer.update({
        where: { id: s },
        data: {
          ...Object.fromEntries(clear.map((c) => [c.replace(/_(\w)/g, (_x, ch: string) => ch.toUpperCase()), null])),
          attributes: attrs as Prisma.InputJsonValue,
          firstSeenAt: before.first_seen_at ? new Date(String(before.first_seen_at)) : null,
          lastSeenAt: before.last_seen_at ? new Date(String(before.last_seen_at)) : null,
        },
      });
      await tx.customerMerge.update({ where: { id: merge.id }, data: { undoneAt: new Date(), undoneBy: options.actor.label } });
      await writeAuditLog(
        {
          actor: options.actor,
          action: "customer.merge_undone",
          targetType: "customer",
          targetId: s,
          before: { mergeId: merge.id },
          after: { restoredId: m, followedEvents: followed.length },
        },
        tx,
      );
      return { survivorId: s, restoredId: m };
    },
    { timeout: 60_000 },
  );
  // Committed: both profiles' features and segment memberships are recomputed (the restored one
  // lost its own when it was merged away).
  await onCustomersChanged({ customerIds: [result.survivorId, result.restoredId], kinds: [MERGED_CHANGE] });
  return result;
}
