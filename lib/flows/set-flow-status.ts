import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { AppError } from "../errors";

/**
 * Goes live, pauses, resumes or archives a flow. Live: events and segment entries from now on
 * trigger it. Paused: nobody new enters and people hold where they are (their waits fire on resume
 * if they fell due meanwhile); exit criteria still apply. Archived: everyone inside leaves.
 */
export async function setFlowStatus(opts: {
  id: string;
  status: "active" | "paused" | "archived";
  actor: Actor;
  now?: Date;
}): Promise<{ status: string; affectedRuns: number }> {
  const now = opts.now ?? new Date();
  return db.$transaction(async (tx) => {
    const flow = await tx.flow.findUnique({ where: { id: opts.id }, select: { status: true, activatedAt: true, steps: true } });
    if (!flow) throw new AppError("not_found", `Flow ${opts.id} does not exist.`);
    if (flow.status === "archived") throw new AppError("conflict", "This flow is archived: duplicate it to use it again.");
    if (opts.status === "paused" && flow.status !== "active") throw new AppError("conflict", "Only a live flow can be paused.");
    if (opts.status === "active" && Array.isArray(flow.steps) && flow.steps.length === 0)
      throw new AppError("unprocessable", "Add at least one step before the flow goes live.");
    await tx.flow.update({
      where: { id: opts.id },
      data: { status: opts.status, ...(opts.status === "active" && flow.status === "draft" ? { activatedAt: now } : {}) },
    });
    const affectedRuns =
      opts.status === "archived"
        ? await tx.$executeRaw`
            UPDATE flow_runs SET status = 'exited', active_customer_id = NULL, due_at = NULL, ended_at = ${now}, exit_reason = 'flow_archived'
            WHERE flow_id = ${opts.id} AND status = 'active'`
        : await tx.flowRun.count({ where: { flowId: opts.id, status: "active" } });
    const action = opts.status === "active" ? (flow.status === "paused" ? "flow.resumed" : "flow.activated") : `flow.${opts.status}`;
    await writeAuditLog(
      { actor: opts.actor, action, targetType: "flow", targetId: opts.id, before: { status: flow.status }, after: { status: opts.status } },
      tx,
    );
    return { status: opts.status, affectedRuns };
  });
}
