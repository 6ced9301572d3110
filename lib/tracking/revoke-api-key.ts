import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { AppError } from "../errors";

/**
 * Revokes a key at once: the ingest API re-checks revocation in the very statement that commits
 * events, so no call with this key is accepted after this returns.
 */
export async function revokeApiKey(options: { id: string; actor: Actor }): Promise<void> {
  await db.$transaction(async (tx) => {
    const key = await tx.apiKey.findUnique({ where: { id: options.id }, select: { id: true, label: true, revokedAt: true } });
    if (!key) throw new AppError("not_found", `No API key has the id ${options.id}: the API keys page (or \`keys list\`) shows them.`);
    if (key.revokedAt) return;
    const revokedAt = new Date();
    await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt } });
    await writeAuditLog(
      {
        actor: options.actor,
        action: "api_key.revoked",
        targetType: "api_key",
        targetId: key.id,
        before: { label: key.label },
        after: { revokedAt },
      },
      tx,
    );
  });
}
