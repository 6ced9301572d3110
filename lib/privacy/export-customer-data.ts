import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { AppError } from "../errors";
import { addressHash } from "../consent/installation-secret";
import { listOtherCustomerTables } from "./other-customer-tables";
import { identifiersOf, personTrackingCallsWhere, unique, wholeTokenPattern } from "./person-identifiers";
import { subjectReference } from "./subject-reference";

const maxRowsPerTable = 1_000_000;

/**
 * Everything Tailor holds about one person, as one JSON document: profile, identities, orders with
 * their lines, events, consent history; the raw tracking calls as received (IP address, user agent),
 * merges with the snapshots they keep, audit entries about the person or naming them, suppression
 * entries of their addresses, rejected import rows naming them, identity flags, flow run steps; and
 * the rows of any other table keyed by customer_id (campaign sends, email interactions, flow runs,
 * segment memberships, features, scores, …). lib/privacy/personal-data-tables.ts lists which part
 * covers which table. The request is recorded under a pseudonymous reference.
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
  const held = await heldElsewhere({ customer: { ...customer, identities } });
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
    ...held,
    /** Rows of other tables keyed by customer (segment memberships, features, scores), by table name. */
    other,
  };
}

/** The person's data in tables not keyed by customer_id, found by id, identifiers and address HMACs. */
async function heldElsewhere(options: {
  customer: {
    id: number;
    email: string | null;
    phone: string | null;
    firstName: string | null;
    lastName: string | null;
    identities: { type: string; value: string }[];
  };
}) {
  const c = options.customer;
  const values = (type: string) => c.identities.filter((i) => i.type === type).map((i) => i.value);
  const emails = unique([c.email, ...values("email")].map((e) => e?.trim().toLowerCase()));
  const patterns = identifiersOf(c).map(wholeTokenPattern);
  const anyPattern = patterns.length > 0;
  const [trackingCalls, merges, auditEntries, suppressions, rejectedRows, identityFlags, flowRunSteps] = await Promise.all([
    db.$queryRaw<unknown[]>`
      SELECT t.id, t.message_id AS "messageId", t.type, t.user_id AS "userId", t.anonymous_id AS "anonymousId", t.payload,
             t.occurred_at AS "occurredAt", t.received_at AS "receivedAt", t.processed_at AS "processedAt"
      FROM tracking_events t
      WHERE ${personTrackingCallsWhere(c)}
      ORDER BY t.id LIMIT ${maxRowsPerTable}`,
    db.customerMerge.findMany({ where: { OR: [{ survivorId: c.id }, { mergedId: c.id }] }, orderBy: { id: "asc" } }),
    db.$queryRaw<unknown[]>`
      SELECT id, actor_label AS "actor", action, target_type AS "targetType", target_id AS "targetId", before, after, created_at AS "createdAt"
      FROM audit_log
      WHERE (target_type = 'customer' AND target_id = ${String(c.id)})
         OR (${anyPattern} AND (before::text ~* ANY(${patterns}) OR after::text ~* ANY(${patterns})))
      ORDER BY id LIMIT ${maxRowsPerTable}`,
    db.suppression.findMany({
      where: { addressHash: { in: emails.map(addressHash) } },
      select: { email: true, reason: true, source: true, note: true, createdAt: true },
    }),
    anyPattern
      ? db.$queryRaw<unknown[]>`
          SELECT j.file_name AS "fileName", r.row_number AS "rowNumber", r.field, r.reason, r.raw
          FROM import_rejections r JOIN import_jobs j ON j.id = r.import_job_id
          WHERE r.raw ~* ANY(${patterns}) ORDER BY r.id LIMIT ${maxRowsPerTable}`
      : [],
    db.identityFlag.findMany({
      where: { OR: [{ customerIds: { has: c.id } }, { value: { in: c.identities.map((i) => i.value) } }] },
      orderBy: { id: "asc" },
    }),
    db.$queryRaw<unknown[]>`
      SELECT s.run_id AS "runId", s.flow_id AS "flowId", s.step_id AS "stepId", s.started_at AS "startedAt",
             s.completed_at AS "completedAt", s.outcome
      FROM flow_run_steps s JOIN flow_runs r ON r.id = s.run_id WHERE r.customer_id = ${c.id} ORDER BY s.run_id, s.started_at`,
  ]);
  return {
    /** Tracking API calls as received: the page, the browser's IP address and user agent, traits. */
    trackingCalls,
    /** Profiles merged into this one (or this one into another), with the snapshots kept to undo them. */
    merges,
    /** Audit entries about the person or naming them. */
    auditEntries,
    /** Suppression list entries of the person's addresses. */
    suppressions,
    /** Rows of imports that were rejected and name the person. */
    rejectedRows,
    /** Identity resolution flags about the person's identifiers. */
    identityFlags,
    /** The steps of the person's flow runs (the runs themselves are under other.flow_runs). */
    flowRunSteps,
  };
}

/** JSON with bigint and Decimal written as strings. */
export function toExportJson(data: unknown): string {
  return JSON.stringify(data, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2);
}
