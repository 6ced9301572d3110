import { db } from "../db";
import { isSnapshotRules } from "./is-snapshot";

export interface SegmentListItem {
  id: string;
  name: string;
  description: string;
  memberCount: number;
  buildStatus: string;
  buildProgress: number;
  timeBased: boolean;
  /** Fixed members (a saved cluster snapshot): not live. */
  snapshot: boolean;
  updatedAt: Date;
  /** Daily sizes, oldest first (last 30 days). */
  sizes: { day: string; size: number }[];
}

/** Every segment with its size and its size over the last 30 days. */
export async function listSegments(): Promise<SegmentListItem[]> {
  const since = new Date(Date.now() - 30 * 86_400_000);
  const rows = await db.segment.findMany({
    orderBy: { updatedAt: "desc" },
    select: {
      id: true,
      name: true,
      description: true,
      memberCount: true,
      buildStatus: true,
      buildProgress: true,
      timeBased: true,
      rules: true,
      updatedAt: true,
      sizes: { where: { day: { gte: since } }, orderBy: { day: "asc" }, select: { day: true, size: true } },
    },
  });
  return rows.map(({ rules, ...r }) => ({
    ...r,
    snapshot: isSnapshotRules(rules),
    sizes: r.sizes.map((s) => ({ day: s.day.toISOString().slice(0, 10), size: s.size })),
  }));
}
