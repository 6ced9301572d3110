import type { Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { saveSegment } from "./save-segment";
import { segmentRulesSchema } from "./schemas";

/** A copy named "… (copy)" (or "… (copy 2)", …: names are unique) with the same rules; its membership is built afresh. */
export async function duplicateSegment(opts: { id: string; actor: Actor }): Promise<{ id: string }> {
  const s = await db.segment.findUniqueOrThrow({ where: { id: opts.id }, select: { name: true, description: true, rules: true } });
  const base = `${s.name.slice(0, 100)} (copy`;
  const taken = new Set(
    (await db.segment.findMany({ where: { name: { startsWith: base, mode: "insensitive" } }, select: { name: true } })).map((t) =>
      t.name.toLowerCase(),
    ),
  );
  let n = 1;
  const nameFor = (i: number) => `${base}${i === 1 ? "" : ` ${i}`})`;
  while (taken.has(nameFor(n).toLowerCase())) n++;
  return saveSegment({
    input: { name: nameFor(n), description: s.description, rules: segmentRulesSchema.parse(s.rules) },
    actor: opts.actor,
  });
}
