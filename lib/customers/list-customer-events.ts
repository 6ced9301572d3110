import { db } from "../db";
import { pageInfo } from "../http/pagination";

export const customerEventsPageSize = 20;

/** A page of a customer's events, latest first (served by the (customer_id, occurred_at desc) index). */
export async function listCustomerEvents(options: { customerId: number; page: number; pageSize?: number }) {
  const pageSize = options.pageSize ?? customerEventsPageSize;
  const where = { customerId: options.customerId };
  const [events, total] = await Promise.all([
    db.event.findMany({
      where,
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      skip: (options.page - 1) * pageSize,
      take: pageSize,
      select: { id: true, type: true, occurredAt: true, source: true, properties: true },
    }),
    db.event.count({ where }),
  ]);
  return {
    page: pageInfo({ page: options.page, pageSize, total }),
    events: events.map((e) => ({ ...e, id: e.id.toString() })),
  };
}

export type CustomerEvent = Awaited<ReturnType<typeof listCustomerEvents>>["events"][number];
