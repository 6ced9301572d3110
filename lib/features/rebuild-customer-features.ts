import { db } from "../db";
import { getSettings, referenceNow } from "../settings/get-settings";
import { refreshCustomerFeatures } from "./refresh-customer-features";
import { scoreRfm } from "./score-rfm";

export interface RebuildProgress {
  percent: number;
  customersDone: number;
  customersTotal: number;
}

/** Slices of the customer id range computed one statement each, so progress can be shown. */
const SLICES = 20;

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
  let done = 0;
  if (range.lo !== null && range.hi !== null) {
    const width = Math.ceil((range.hi - range.lo + 1) / SLICES);
    for (let from = range.lo; from <= range.hi; from += width) {
      opts.signal?.throwIfAborted();
      done += await refreshCustomerFeatures({ asOf, fromId: from, toId: from + width - 1 });
      await opts.onProgress?.({ percent: Math.min(90, Math.round((90 * done) / Math.max(range.n, 1))), customersDone: done, customersTotal: range.n });
    }
  }
  const population = await scoreRfm();
  await opts.onProgress?.({ percent: 100, customersDone: done, customersTotal: range.n });
  return { asOf, customers: done, rfmPopulation: population, ms: Date.now() - started };
}
