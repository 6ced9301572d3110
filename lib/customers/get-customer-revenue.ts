import { db } from "../db";

export interface CustomerRevenue {
  purchases: { count: number; total: number };
  cancellations: { count: number; total: number };
  adjustments: { count: number; total: number };
  /** Sum of all orders' totals (cancellations are negative). */
  net: number;
  /** The orders' currencies (normally just the installation's). */
  currencies: string[];
}

/** A customer's revenue by order kind, summed in SQL. */
export async function getCustomerRevenue(options: { customerId: number }): Promise<CustomerRevenue> {
  const groups = await db.order.groupBy({
    by: ["kind", "currency"],
    where: { customerId: options.customerId },
    _count: { _all: true },
    _sum: { total: true },
  });
  const result: CustomerRevenue = {
    purchases: { count: 0, total: 0 },
    cancellations: { count: 0, total: 0 },
    adjustments: { count: 0, total: 0 },
    net: 0,
    currencies: [...new Set(groups.map((g) => g.currency))],
  };
  const slot = { purchase: result.purchases, cancellation: result.cancellations, adjustment: result.adjustments };
  for (const g of groups) {
    const total = Number(g._sum.total ?? 0);
    slot[g.kind].count += g._count._all;
    slot[g.kind].total += total;
    result.net += total;
  }
  return result;
}
