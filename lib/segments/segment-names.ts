import { db } from "../db";
import type { DescribeNames } from "./conditions/types";
import type { Condition } from "./schemas";

/** The names of the segments that these conditions refer to, for describing them ("Is in segment “Buyers”"). */
export async function segmentNamesOf(conditions: Condition[]): Promise<DescribeNames> {
  const ids = [...new Set(conditions.flatMap((c) => (c.kind === "segment" && c.segmentId ? [c.segmentId] : [])))];
  if (!ids.length) return {};
  const rows = await db.segment.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return { segments: Object.fromEntries(rows.map((r) => [r.id, r.name])) };
}
