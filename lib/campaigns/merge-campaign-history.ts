import type { Prisma } from "../db";

type Tx = Prisma.TransactionClient;

/** What moved when two profiles became one, as the merge record keeps it (customer_merges). */
export interface MovedCampaignHistory {
  movedInteractionIds: bigint[];
  movedCapSendIds: bigint[];
  movedSendCampaignIds: string[];
  ledgerConflicts: LedgerConflicts;
}

/** Rows that could not simply move because the survivor had one for the same campaign (JSON of each row). */
export interface LedgerConflicts {
  sends?: { survivor: Record<string, unknown>; merged: Record<string, unknown>; at: string }[];
  capSends?: Record<string, unknown>[];
}

/**
 * Inside a merge's transaction: the merged-away profile's campaign history becomes the survivor's
 * (docs/decisions/090). Email interactions move. Send-ledger rows move, one per campaign × customer:
 * where both profiles have a row for the same campaign, the one further along (sent, then sending,
 * failed, queued, skipped) is kept — so a person skipped on one profile but sent on the other shows
 * as sent, and one queued twice is sent once — and when both were sent (two addresses, two copies)
 * the row is flagged a possible duplicate. Frequency-cap rows move (one per campaign). Everything
 * needed to undo it is returned for the merge record.
 */
export async function moveCampaignHistory(tx: Tx, survivorId: number, mergedId: number): Promise<MovedCampaignHistory> {
  // Most merged-away profiles (a device's, before its owner signed in) were never emailed: one look-up.
  const [history] = await tx.$queryRaw<{ any: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM campaign_sends WHERE customer_id = ${mergedId})
        OR EXISTS (SELECT 1 FROM email_interactions WHERE customer_id = ${mergedId})
        OR EXISTS (SELECT 1 FROM frequency_cap_sends WHERE customer_id = ${mergedId}) AS any`;
  if (!history?.any) return { movedInteractionIds: [], movedCapSendIds: [], movedSendCampaignIds: [], ledgerConflicts: {} };
  const interactions = await tx.$queryRaw<{ id: bigint }[]>`
    UPDATE email_interactions SET customer_id = ${survivorId} WHERE customer_id = ${mergedId} RETURNING id`;

  const conflicts = await tx.$queryRaw<{ survivor: Record<string, unknown>; merged: Record<string, unknown>; at: string }[]>`
    SELECT to_jsonb(s) AS survivor, to_jsonb(m) AS merged, now()::timestamptz(3)::text AS at
    FROM campaign_sends s JOIN campaign_sends m ON m.campaign_id = s.campaign_id AND m.customer_id = ${mergedId}
    WHERE s.customer_id = ${survivorId}`;
  if (conflicts.length > 0) {
    await tx.$executeRaw`
      WITH rank(state, n) AS (VALUES ('skipped', 1), ('held', 2), ('queued', 2), ('failed', 3), ('sending', 4), ('sent', 5))
      UPDATE campaign_sends s SET
        chunk = CASE WHEN take THEN m.chunk ELSE s.chunk END,
        state = CASE WHEN take THEN m.state ELSE s.state END,
        skip_reason = CASE WHEN take THEN m.skip_reason ELSE s.skip_reason END,
        message_id = CASE WHEN take THEN m.message_id ELSE s.message_id END,
        email = CASE WHEN take THEN m.email ELSE s.email END,
        attempts = CASE WHEN take THEN m.attempts ELSE s.attempts END,
        error = CASE WHEN take THEN m.error ELSE s.error END,
        sent_at = CASE WHEN take THEN m.sent_at ELSE s.sent_at END,
        variant = CASE WHEN take THEN m.variant ELSE s.variant END,
        possible_duplicate = s.possible_duplicate OR m.possible_duplicate
          OR (s.state IN ('sent', 'sending') AND m.state IN ('sent', 'sending')),
        updated_at = now()
      FROM (
        SELECT m.*, (SELECT n FROM rank WHERE rank.state = m.state::text) > (SELECT n FROM rank WHERE rank.state = s.state::text) AS take
        FROM campaign_sends m JOIN campaign_sends s ON s.campaign_id = m.campaign_id AND s.customer_id = ${survivorId}
        WHERE m.customer_id = ${mergedId}
      ) m
      WHERE s.campaign_id = m.campaign_id AND s.customer_id = ${survivorId}`;
    await tx.$executeRaw`
      DELETE FROM campaign_sends m WHERE m.customer_id = ${mergedId}
        AND EXISTS (SELECT 1 FROM campaign_sends s WHERE s.campaign_id = m.campaign_id AND s.customer_id = ${survivorId})`;
  }
  const sends = await tx.$queryRaw<{ campaign_id: string }[]>`
    UPDATE campaign_sends SET customer_id = ${survivorId} WHERE customer_id = ${mergedId} RETURNING campaign_id`;

  const capConflicts = await tx.$queryRaw<{ row: Record<string, unknown> }[]>`
    DELETE FROM frequency_cap_sends m WHERE m.customer_id = ${mergedId}
      AND EXISTS (SELECT 1 FROM frequency_cap_sends s WHERE s.customer_id = ${survivorId} AND s.source_type = m.source_type AND s.source_id = m.source_id)
    RETURNING to_jsonb(m) AS row`;
  const caps = await tx.$queryRaw<{ id: bigint }[]>`
    UPDATE frequency_cap_sends SET customer_id = ${survivorId} WHERE customer_id = ${mergedId} RETURNING id`;

  return {
    movedInteractionIds: interactions.map((r) => BigInt(r.id)),
    movedCapSendIds: caps.map((r) => BigInt(r.id)),
    movedSendCampaignIds: sends.map((r) => r.campaign_id),
    ledgerConflicts: {
      ...(conflicts.length ? { sends: conflicts } : {}),
      ...(capConflicts.length ? { capSends: capConflicts.map((c) => c.row) } : {}),
    },
  };
}

/**
 * Inside an undo's transaction, after the merged profile's row is back: its campaign history returns.
 * Rows that were one are two again; the survivor's row goes back to how it was unless the ledger
 * changed it since the merge (a send in between is kept).
 */
export async function restoreCampaignHistory(
  tx: Tx,
  merge: { survivorId: number; mergedId: number } & Pick<
    MovedCampaignHistory,
    "movedInteractionIds" | "movedCapSendIds" | "movedSendCampaignIds"
  > & { ledgerConflicts: unknown },
): Promise<void> {
  const { survivorId: s, mergedId: m } = merge;
  const conflicts = (merge.ledgerConflicts ?? {}) as LedgerConflicts;
  await tx.$executeRaw`
    UPDATE email_interactions SET customer_id = ${m} WHERE customer_id = ${s} AND id = ANY(${merge.movedInteractionIds.map(String)}::bigint[])`;
  await tx.$executeRaw`
    UPDATE campaign_sends SET customer_id = ${m} WHERE customer_id = ${s} AND campaign_id = ANY(${merge.movedSendCampaignIds}::text[])`;
  await tx.$executeRaw`
    UPDATE frequency_cap_sends SET customer_id = ${m} WHERE customer_id = ${s} AND id = ANY(${merge.movedCapSendIds.map(String)}::bigint[])`;
  const sends = conflicts.sends ?? [];
  if (sends.length > 0) {
    const rows = JSON.stringify(sends);
    await tx.$executeRaw`
      WITH c AS (SELECT survivor, (at)::timestamptz AS at FROM jsonb_to_recordset(${rows}::jsonb) AS x(survivor jsonb, at text)),
      before AS (SELECT r.*, c.at FROM c, jsonb_populate_record(null::campaign_sends, c.survivor) r)
      UPDATE campaign_sends t SET chunk = b.chunk, state = b.state, skip_reason = b.skip_reason, message_id = b.message_id,
        email = b.email, attempts = b.attempts, error = b.error, sent_at = b.sent_at, variant = b.variant,
        possible_duplicate = b.possible_duplicate, updated_at = b.updated_at
      FROM before b WHERE t.campaign_id = b.campaign_id AND t.customer_id = b.customer_id AND t.updated_at <= b.at`;
    await tx.$executeRaw`
      INSERT INTO campaign_sends SELECT r.* FROM jsonb_array_elements(${rows}::jsonb) AS x(c),
        jsonb_populate_record(null::campaign_sends, x.c->'merged') r
      ON CONFLICT DO NOTHING`;
  }
  if (conflicts.capSends?.length) {
    await tx.$executeRaw`
      INSERT INTO frequency_cap_sends SELECT r.* FROM jsonb_array_elements(${JSON.stringify(conflicts.capSends)}::jsonb) AS x(c),
        jsonb_populate_record(null::frequency_cap_sends, x.c) r
      ON CONFLICT DO NOTHING`;
  }
}
