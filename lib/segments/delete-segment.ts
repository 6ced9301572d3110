import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { AppError } from "../errors";

/** Deletes a segment unless another segment uses it (the message names them). */
export async function deleteSegment(opts: { id: string; actor: Actor }): Promise<void> {
  const users = await db.segment.findMany({ where: { dependsOn: { has: opts.id } }, select: { name: true } });
  if (users.length > 0) {
    throw new AppError(
      "conflict",
      `Other segments use this one: ${users.map((u) => `“${u.name}”`).join(", ")}. Remove those conditions first.`,
    );
  }
  await db.$transaction(async (tx) => {
    const before = await tx.segment.delete({ where: { id: opts.id }, select: { name: true, description: true, rules: true } });
    await writeAuditLog({ actor: opts.actor, action: "segment.deleted", targetType: "segment", targetId: opts.id, before }, tx);
  });
}
