import { db } from "../db";
import { getSettings, referenceNow } from "../settings/get-settings";
import { refreshCustomerFeatures } from "./refresh-customer-features";
import { scoreRfm } from "./score-rfm";

export interface RebuildProgress {
  percent: number;
  customersDone: number;
  customersTotal: number;
}

/**
 * Recomputes every customer's features as of the reference date (settings.referenceDate, else now),
 * slice by slice with progress, then scores RFM. Customers deleted since are dropped by the cascade.
 */
export async function rebuildCustomerFeatures(opts: { asOf?: Date; onProgress?: (p: RebuildProgress) => unknown; signal?: AbortSignal } = {}) {
  const asOf = opts.asOf ?? referenceNow(await getSettings());
  const rows = await db.$queryRawUnsafe<{ lo: number | null; hi: number | null; n: number }[]>(
    `SELECT min(id) AS lo, max(id) AS hi, count(*)::int AS n FROM customers`,
  );
  const range = rows[0] ?? { lo: null, hi: null, n: 0 };
  const started = Date.now();
  // One set-based statement over everyone (hash aggregates beat per-slice index lookups at scale);
  // progress is reported by phase.
  await opts.onProgress?.({ percent: 5, customersDone: 0, customersTotal: range.n });
  opts.signal?.throwIfAborted();
  const done = await refreshCustomerFeatures({ asOf });
  await opts.onProgress?.({ percent: 80, customersDone: done, customersTotal: range.n });
  const population = await scoreRfm();
  await opts.onProgress?.({ percent: 100, customersDone: done, customersTotal: range.n });
  return { asOf, customers: done, rfmPopulation: population, ms: Date.now() - started };
}
