import { db, type Prisma } from "../db";

export interface Actor {
  /** The acting user's id; null for the CLI, workers and the system. */
  id: string | null;
  /** As shown in the log: the user's email, "cli", "worker", "system". */
  label: string;
}

export const systemActor = (label: "cli" | "worker" | "system" | "demo"): Actor => ({ id: null, label });

export interface AuditEntry {
  actor: Actor;
  action: string;
  targetType: string;
  targetId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

type Tx = Pick<typeof db, "auditLog">;

/** Appends to the audit log. Pass the transaction client when the mutation runs in one. */
export async function writeAuditLog(entry: AuditEntry, tx: Tx = db): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: entry.actor.id,
      actorLabel: entry.actor.label,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId == null ? null : String(entry.targetId),
      before: (entry.before ?? undefined) as Prisma.InputJsonValue | undefined,
      after: (entry.after ?? undefined) as Prisma.InputJsonValue | undefined,
    },
  });
}
