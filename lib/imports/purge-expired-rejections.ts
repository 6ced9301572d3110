import { db } from "../db";

/** Rejected rows are kept 30 days after their import finished, then deleted (the counts stay). */
export const REJECTIONS_KEPT_DAYS = 30;

export async function purgeExpiredRejections(opts: { now?: Date } = {}): Promise<number> {
  const cutoff = new Date((opts.now ?? new Date()).getTime() - REJECTIONS_KEPT_DAYS * 86_400_000);
  const { count } = await db.importRejection.deleteMany({ where: { importJob: { finishedAt: { lt: cutoff } } } });
  return count;
}
