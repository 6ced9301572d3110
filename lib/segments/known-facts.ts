import { db } from "../db";
import type { KnownFacts } from "./conditions/types";

/**
 * The facts a compiled query would otherwise check itself, read now (two index probes): whether a
 * purchase lies after the reference date, and which (event type, property key) pairs are rolled up.
 */
export async function readKnownFacts(ref: Date): Promise<KnownFacts> {
  const [row] = await db.$queryRawUnsafe<{ later: boolean; keys: [string, string][] }[]>(
    `SELECT EXISTS (SELECT 1 FROM orders WHERE kind = 'purchase' AND placed_at > $1::timestamptz) AS later,
            coalesce((SELECT json_agg(json_build_array(event_type, key)) FROM event_rollup_keys), '[]'::json) AS keys`,
    ref,
  );
  return { purchasesAfterRef: row?.later ?? true, rollupKeys: new Set((row?.keys ?? []).map(([type, key]) => `${type}\u0000${key}`)) };
}
