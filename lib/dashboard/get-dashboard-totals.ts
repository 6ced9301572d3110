import { db } from "../db";

export interface DashboardTotals {
  customers: number;
  /** Purchases (cancellations and adjustments are not orders a marketer counts). */
  orders: number;
  cancellations: number;
  /** Purchases minus cancellations and adjustments, in `currency`. */
  netRevenue: number;
  currency: string;
  /** Orders in another currency than the installation's, left out of the revenue. */
  otherCurrencyOrders: number;
}

/** Headline figures for the dashboard, aggregated in SQL. */
export async function getDashboardTotals(options: { currency: string }): Promise<DashboardTotals> {
  const [customers, groups] = await Promise.all([
    db.customer.count(),
    db.order.groupBy({ by: ["kind", "currency"], _count: { _all: true }, _sum: { total: true } }),
  ]);
  const totals: DashboardTotals = {
    customers,
    orders: 0,
    cancellations: 0,
    netRevenue: 0,
    currency: options.currency,
    otherCurrencyOrders: 0,
  };
  for (const g of groups) {
    if (g.currency !== options.currency) {
      totals.otherCurrencyOrders += g._count._all;
      continue;
    }
    if (g.kind === "purchase") totals.orders += g._count._all;
    if (g.kind === "cancellation") totals.cancellations += g._count._all;
    totals.netRevenue += Number(g._sum.total ?? 0);
  }
  return totals;
}
