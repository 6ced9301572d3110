import { db } from "../db";
import { dependencyOrder } from "./segment-order";

/**
 * The segments a change can affect, through the trigger index (GIN on segments.triggers), plus every
 * segment that uses one of them, in dependency order; `all`: every segment.
 */
export async function findAffectedSegments(opts: { triggers: string[]; all?: boolean }): Promise<{ id: string; dependsOn: string[] }[]> {
  if (opts.all) return dependencyOrder(await db.segment.findMany({ select: { id: true, dependsOn: true } }));
  const found = new Map<string, { id: string; dependsOn: string[] }>();
  let frontier = opts.triggers;
  while (frontier.length > 0) {
    const rows = await db.segment.findMany({ where: { triggers: { hasSome: frontier } }, select: { id: true, dependsOn: true } });
    const fresh = rows.filter((r) => !found.has(r.id));
    for (const r of fresh) found.set(r.id, r);
    frontier = fresh.map((r) => `segment:${r.id}`);
  }
  return dependencyOrder([...found.values()]);
}
