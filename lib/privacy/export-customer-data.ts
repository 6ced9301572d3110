import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { AppError } from "../errors";
import { listOtherCustomerTables } from "./other-customer-tables";
import { subjectReference } from "./subject-reference";

const maxRowsPerTable = 1_000_000;

/**
 * Everything Tailor holds about one person, as one JSON document: profile, identities, orders with
 * their lines, events, consent history, and the rows of any other table keyed by customer_id
 * (segment memberships, features, scores, …). The request is recorded under a pseudonymous reference.
 */
export async function exportCustomerData(options: { customerId: number; requestedBy: string; actor: Actor }) {
  const customer = await db.customer.findUnique({ where: { id: options.customerId } });
  if (!customer) throw new AppError("not_found", `There is no customer #${options.customerId}; they may have been merged or erased.`);
  const where = { customerId: customer.id };
  const [identities, orders, events, consentHistory, otherTables] = await Promise.all([
    db.identity.findMany({ where, orderBy: { id: "asc" }, omit: { customerId: true } }),
    db.order.findMany({
      where,
      orderBy: { placedAt: "asc" },
      include: { lines: { orderBy: { position: "asc" }, omit: { orderId: true } } },
      omit: { customerId: true },
    }),
    db.event.findMany({ where, orderBy: { occurredAt: "asc" }, take: maxRowsPerTable, omit: { customerId: true } }),
    db.consentRecord.findMany({ where, orderBy: [{ occurredAt: "asc" }, { id: "asc" }], omit: { customerId: true, recordedById: true } }),
    listOtherCustomerTables(),
  ]);
  const other: Record<string, unknown[]> = {};
  for (const table of otherTables) {
    other[table] = await db.$queryRaw<
      unknown[]
    >`SELECT * FROM ${Prisma.raw(`"${table}"`)} WHERE customer_id = ${customer.id} LIMIT ${maxRowsPerTable}`;
  }
  const request = await db.dataSubjectRequest.create({
    data: {
      kind: "export",
      subjectRef: subjectReference(customer.id),
      requestedBy: options.requestedBy,
      performedById: options.actor.id,
      performedBy: options.actor.label,
    },
  });
  await writeAuditLog({
    actor: options.actor,
    action: "dsr.export",
    targetType: "data_subject_request",
    targetId: request.id,
    after: { reference: request.subjectRef, requestedBy: options.requestedBy },
  });
  return {
    exportedAt: new Date().toISOString(),
    reference: request.subjectRef,
    about: "Everything Tailor holds about this person. Amounts are in the order's currency; times are UTC (ISO 8601).",
    profile: customer,
    identities,
    orders,
    events,
    consentHistory,
    /** Rows of other tables keyed by customer (segment memberships, features, scores), by table name. */
    other,
  };
}

/** JSON with bigint and Decimal written as strings. */
export function toExportJson(data: unknown): string {
  return JSON.stringify(data, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2);
}
