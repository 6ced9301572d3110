import type { Prisma } from "../db";

type Tx = Prisma.TransactionClient;

/**
 * Inside a merge's transaction (lib/identity/merge-customers.ts): the merged-away profile's flow runs
 * become the survivor's, so a person who entered a flow on their anonymous profile continues on the
 * merged one — never twice at once. Where both profiles are inside the same flow, the run that
 * entered first continues and the other ends (`exit_reason = 'merged'`, none of its later steps or
 * emails happen). Ended runs move too (re-entry rules count them), with their handed-over emails
 * (a queued one goes to the survivor's address) and the signals not yet applied. Returns the ids of
 * the runs that moved, for an undo.
 */
export async function moveFlowRuns(tx: Tx, survivorId: number, mergedId: number): Promise<bigint[]> {
  // Most merged-away profiles were never in a flow: one look-up.
  const [any] = await tx.$queryRaw<{ any: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM flow_runs WHERE customer_id = ${mergedId})
        OR EXISTS (SELECT 1 FROM flow_signals WHERE customer_id = ${mergedId}) AS any`;
  if (!any?.any) return [];
  const ended = await tx.$queryRaw<{ id: bigint }[]>`
    UPDATE flow_runs r SET status = 'exited', active_customer_id = NULL, due_at = NULL, ended_at = now(), exit_reason = 'merged'
    FROM flow_runs o
    WHERE r.flow_id = o.flow_id AND r.status = 'active' AND o.status = 'active'
      AND ((r.customer_id = ${mergedId} AND o.customer_id = ${survivorId} AND r.entered_at >= o.entered_at)
        OR (r.customer_id = ${survivorId} AND o.customer_id = ${mergedId} AND r.entered_at > o.entered_at))
    RETURNING r.id`;
  // An email the ended run had handed over but not yet sent: the continuing run sends its own.
  if (ended.length)
    await tx.$executeRaw`
      UPDATE flow_messages SET status = 'skipped', skip_reason = 'merged'
      WHERE run_id = ANY(${ended.map((r) => String(r.id))}::bigint[]) AND status IN ('queued', 'waiting')`;
  const moved = await tx.$queryRaw<{ id: bigint }[]>`
    UPDATE flow_runs SET customer_id = ${survivorId}, active_customer_id = CASE WHEN status = 'active' THEN ${survivorId}::int END
    WHERE customer_id = ${mergedId} RETURNING id`;
  await tx.$executeRaw`UPDATE flow_messages SET customer_id = ${survivorId} WHERE customer_id = ${mergedId}`;
  await tx.$executeRaw`UPDATE flow_signals SET customer_id = ${survivorId} WHERE customer_id = ${mergedId}`;
  return moved.map((r) => BigInt(r.id));
}

/**
 * Inside an undo's transaction, after the merged profile's row is back: the runs that moved return
 * to it with their emails. A run the merge ended stays ended (its emails were not sent, and sending
 * them late would surprise).
 */
export async function restoreFlowRuns(tx: Tx, merge: { survivorId: number; mergedId: number; movedFlowRunIds: bigint[] }): Promise<void> {
  if (!merge.movedFlowRunIds.length) return;
  const ids = merge.movedFlowRunIds.map(String);
  await tx.$executeRaw`
    UPDATE flow_runs SET customer_id = ${merge.mergedId}, active_customer_id = CASE WHEN status = 'active' THEN ${merge.mergedId}::int END
    WHERE id = ANY(${ids}::bigint[]) AND customer_id = ${merge.survivorId}`;
  await tx.$executeRaw`
    UPDATE flow_messages SET customer_id = ${merge.mergedId} WHERE run_id = ANY(${ids}::bigint[]) AND customer_id = ${merge.survivorId}`;
}
