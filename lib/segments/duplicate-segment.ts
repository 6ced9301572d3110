import type { Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { saveSegment } from "./save-segment";
import { segmentRulesSchema } from "./schemas";

/** A copy named "… (copy)" with the same rules; its membership is built afresh. */
export async function duplicateSegment(opts: { id: string; actor: Actor }): Promise<{ id: string }> {
  const s = await db.segment.findUniqueOrThrow({ where: { id: opts.id }, select: { name: true, description: true, rules: true } });
  return saveSegment({
    input: { name: `${s.name} (copy)`.slice(0, 120), description: s.description, rules: segmentRulesSchema.parse(s.rules) },
    actor: opts.actor,
  });
}
