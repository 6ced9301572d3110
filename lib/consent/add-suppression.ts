import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db } from "../db";
import type { SuppressionReason } from "../generated/prisma/enums";
import { addressHash } from "./installation-secret";

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/**
 * Puts an address on the suppression list (idempotent: an address already there keeps its first
 * reason, except that "erased" always wins and drops the clear-text address).
 */
export async function addSuppression(options: {
  email: string;
  reason: SuppressionReason;
  source: string;
  note?: string;
  actor: Actor;
  tx?: Tx;
}): Promise<{ created: boolean }> {
  const client = options.tx ?? db;
  const hash = addressHash(options.email);
  const erased = options.reason === "erased";
  const existing = await client.suppression.findUnique({ where: { addressHash: hash }, select: { id: true, reason: true } });
  if (existing && !(erased && existing.reason !== "erased")) return { created: false };
  const data = {
    email: erased ? null : options.email.trim().toLowerCase(),
    reason: options.reason,
    source: options.source,
    note: erased ? "" : (options.note ?? ""),
    createdById: options.actor.id,
  };
  const row = existing
    ? await client.suppression.update({ where: { id: existing.id }, data, select: { id: true } })
    : await client.suppression.create({ data: { ...data, addressHash: hash }, select: { id: true } });
  await writeAuditLog(
    {
      actor: options.actor,
      action: existing ? "suppression.update" : "suppression.create",
      targetType: "suppression",
      targetId: row.id,
      after: { reason: options.reason, source: options.source, email: data.email },
    },
    client,
  );
  return { created: !existing };
}
