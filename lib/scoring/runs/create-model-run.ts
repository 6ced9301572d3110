import { writeAuditLog, type Actor } from "../../audit/write-audit-log";
import { db, type Prisma } from "../../db";
import type { ModelKind, ModelWindow } from "../schemas";

/** Stores a queued run with the next version number of its kind (retrying when two start at once). */
export async function createModelRun(opts: {
  kind: ModelKind;
  window: ModelWindow;
  actor: Actor;
  trigger: "manual" | "schedule" | "cli";
}): Promise<{ id: string; version: number }> {
  for (let attempt = 0; ; attempt++) {
    const last = await db.modelRun.findFirst({ where: { kind: opts.kind }, orderBy: { version: "desc" }, select: { version: true } });
    const version = (last?.version ?? 0) + 1;
    try {
      const run = await db.modelRun.create({
        data: {
          kind: opts.kind,
          version,
          trigger: opts.trigger,
          window: opts.window as unknown as Prisma.InputJsonValue,
          createdById: opts.actor.id,
          createdByEmail: opts.actor.label,
        },
        select: { id: true, version: true },
      });
      await writeAuditLog({
        actor: opts.actor,
        action: "model_run.created",
        targetType: "model_run",
        targetId: run.id,
        after: { kind: opts.kind, version, window: opts.window },
      });
      return run;
    } catch (e) {
      if (attempt < 3 && (e as { code?: string }).code === "P2002") continue;
      throw e;
    }
  }
}
