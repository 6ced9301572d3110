import { db } from "../db";
import { pageInfo, type PageInfo } from "../http/pagination";

export const customerOrdersPageSize = 10;

/** A page of a customer's orders, latest first, each with its lines (in source order). */
export async function listCustomerOrders(options: { customerId: number; page: number; pageSize?: number }) {
  const pageSize = options.pageSize ?? customerOrdersPageSize;
  const where = { customerId: options.customerId };
  const [orders, total] = await Promise.all([
    db.order.findMany({
      where,
      orderBy: [{ placedAt: "desc" }, { id: "desc" }],
      skip: (options.page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        source: true,
        orderNumber: true,
        kind: true,
        placedAt: true,
        country: true,
        currency: true,
        total: true,
        lines: {
          orderBy: { position: "asc" },
          select: { id: true, position: true, sku: true, description: true, quantity: true, unitPrice: true, lineTotal: true },
        },
      },
    }),
    db.order.count({ where }),
  ]);
  const page: PageInfo = pageInfo({ page: options.page, pageSize, total });
  return {
    page,
    orders: orders.map((o) => ({
      ...o,
      total: o.total.toString(),
      lines: o.lines.map((l) => ({ ...l, id: l.id.toString(), unitPrice: l.unitPrice.toString(), lineTotal: l.lineTotal.toString() })),
    })),
  };
}

export type CustomerOrder = Awaited<ReturnType<typeof listCustomerOrders>>["orders"][number];
