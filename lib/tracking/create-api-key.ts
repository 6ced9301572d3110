import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { generateApiKeyToken } from "./api-key-token";
import { createApiKeySchema, type CreateApiKeyInput } from "./schemas";

/** Creates a key and returns its token, which is shown once and never stored. */
export async function createApiKey(options: { input: CreateApiKeyInput; actor: Actor }) {
  const input = createApiKeySchema.parse(options.input);
  const { token, hash, prefix } = generateApiKeyToken(input.kind);
  return db.$transaction(async (tx) => {
    const key = await tx.apiKey.create({
      data: {
        label: input.label,
        kind: input.kind,
        source: input.source,
        allowedOrigins: input.kind === "public" ? input.allowedOrigins : [],
        keyHash: hash,
        keyPrefix: prefix,
        createdById: options.actor.id,
      },
      select: { id: true, label: true, kind: true, source: true, keyPrefix: true, allowedOrigins: true },
    });
    await writeAuditLog({ actor: options.actor, action: "api_key.created", targetType: "api_key", targetId: key.id, after: key }, tx);
    return { ...key, token };
  });
}
