import { db } from "../db";

export interface LastImport {
  id: string;
  kind: string;
  fileName: string;
  status: string;
  rowsRead: number;
  imported: number;
  alreadyPresent: number;
  withoutCustomer: number;
  rejected: number;
  finishedAt: Date | null;
}

export interface Stats {
  data: {
    customers: number;
    identities: number;
    /** Every order (each belongs to a customer), cancellations included. */
    orders: number;
    cancellations: number;
    orderLines: number;
    events: number;
  };
  /** The most recent import that was not a dry run; null before the first. */
  lastImport: LastImport | null;
}

/** What the installation holds, for `tailor stats` and health checks. */
export async function getStats(): Promise<Stats> {
  const [customers, identities, orders, cancellations, orderLines, events, lastImport] = await Promise.all([
    db.customer.count(),
    db.identity.count(),
    db.order.count(),
    db.order.count({ where: { kind: "cancellation" } }),
    db.orderLine.count(),
    db.event.count(),
    db.importJob.findFirst({
      where: { dryRun: false },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        kind: true,
        fileName: true,
        status: true,
        rowsRead: true,
        imported: true,
        alreadyPresent: true,
        withoutCustomer: true,
        rejected: true,
        finishedAt: true,
      },
    }),
  ]);
  return { data: { customers, identities, orders, cancellations, orderLines, events }, lastImport };
}
