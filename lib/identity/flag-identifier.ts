import type { Prisma } from "../db";
import type { IdentityFlagKind } from "../generated/prisma/enums";
import type { Identifier } from "./identifier";

/** Records (or counts again) an identifier the resolver refused to merge on. */
export async function flagIdentifier(options: {
  tx: Prisma.TransactionClient;
  kind: IdentityFlagKind;
  identifier: Identifier;
  customerIds: number[];
  detail: string;
}): Promise<void> {
  const { tx, kind, identifier } = options;
  await tx.$executeRaw`
    INSERT INTO identity_flags (kind, type, source, value, customer_ids, detail)
    VALUES (${kind}::"IdentityFlagKind", ${identifier.type}, ${identifier.source}, ${identifier.value}, ${options.customerIds}::int[], ${options.detail})
    ON CONFLICT (kind, type, source, value) DO UPDATE SET
      count = identity_flags.count + 1,
      customer_ids = (SELECT array_agg(DISTINCT x ORDER BY x) FROM unnest(identity_flags.customer_ids || EXCLUDED.customer_ids) AS x),
      detail = EXCLUDED.detail,
      updated_at = now()`;
}
