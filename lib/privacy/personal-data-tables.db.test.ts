import { describe, expect, it } from "vitest";
import { writeAuditLog } from "../audit/write-audit-log";
import { addSuppression } from "../consent/add-suppression";
import { db } from "../db";
import { eraseCustomer } from "./erase-customer";
import { exportCustomerData, toExportJson } from "./export-customer-data";
import { listOtherCustomerTables } from "./other-customer-tables";
import { personalDataTables, tablesWithoutCustomerData } from "./personal-data-tables";

const admin = { id: null, label: "admin@shop.test" };

async function tables(): Promise<Map<string, string[]>> {
  const rows = await db.$queryRaw<{ table: string; column: string }[]>`
    SELECT c.table_name AS "table", c.column_name AS "column" FROM information_schema.columns c
    JOIN information_schema.tables t USING (table_schema, table_name)
    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' ORDER BY 1, c.ordinal_position`;
  const byTable = new Map<string, string[]>();
  for (const r of rows) byTable.set(r.table, [...(byTable.get(r.table) ?? []), r.column]);
  return byTable;
}

describe("personal data coverage", () => {
  it("every table is covered by both the export and erasure, or is listed as holding no customer data", async () => {
    const all = await tables();
    const automatic = new Set(await listOtherCustomerTables());
    const problems: string[] = [];
    for (const [table, columns] of all) {
      const keyed = columns.includes("customer_id");
      if (keyed && table in tablesWithoutCustomerData)
        problems.push(`${table} has a customer_id but is listed as holding no customer data`);
      if (keyed && !automatic.has(table) && !(table in personalDataTables)) problems.push(`${table}: customer_id rows not exported`);
      // A column that points at customers or holds what identifies them, in a table without customer_id.
      const telling = columns.filter((c) => /customer|survivor|merged_id|email|phone|payload|user_agent|^ip$|^raw$|anonymous/.test(c));
      if (!keyed && !(table in personalDataTables) && !(table in tablesWithoutCustomerData))
        problems.push(`${table} (${telling.join(", ") || "no customer column"}) is in neither list of lib/privacy/personal-data-tables.ts`);
    }
    for (const table of [...Object.keys(personalDataTables), ...Object.keys(tablesWithoutCustomerData)])
      if (!all.has(table)) problems.push(`${table} is listed but does not exist`);
    expect(problems).toEqual([]);
  });

  it("a person with data in every table: the export holds each part, and after erasure none of it is left", async () => {
    const email = "petra.voss@cover.test";
    const ip = "203.0.113.91";
    const userAgent = "Mozilla/5.0 (Petra's phone)";
    const c = await db.customer.create({
      data: {
        email,
        firstName: "Petra",
        lastName: "Voss",
        phone: "+447700900555",
        identities: {
          create: [
            { type: "email", value: email },
            { type: "anonymous_id", value: "anon-petra-77" },
          ],
        },
        events: { create: [{ type: "Product Viewed", occurredAt: new Date(), properties: { sku: "MUG" }, messageId: "msg-petra-1" }] },
        orders: {
          create: [
            {
              source: "shop",
              orderNumber: "PV-1",
              kind: "purchase",
              placedAt: new Date(),
              total: 9,
              lines: { create: [{ position: 1, sku: "MUG", quantity: 1, unitPrice: 9, lineTotal: 9, placedAt: new Date() }] },
            },
          ],
        },
        consents: {
          create: [
            { purpose: "email_marketing", status: "granted", source: "tracking_api", occurredAt: new Date(), proof: { ip, userAgent } },
          ],
        },
      },
    });
    const merged = await db.customer.create({ data: { email: "old@cover.test" } });
    await db.$executeRaw`
      INSERT INTO tracking_events (message_id, api_key_id, type, anonymous_id, payload, occurred_at)
      VALUES ('msg-petra-1', 'key', 'track', 'anon-petra-77',
              ${JSON.stringify({ event: "Product Viewed", context: { ip, userAgent } })}::jsonb, now())`;
    await db.customerMerge.create({
      data: {
        survivorId: c.id,
        mergedId: merged.id,
        identifierType: "email",
        identifierValue: email,
        reason: "same email",
        actorLabel: "import",
        mergedSnapshot: { email, firstName: "Petra" },
        survivorBefore: { email },
      },
    });
    await writeAuditLog({ actor: admin, action: "customer.update", targetType: "customer", targetId: c.id, after: { city: "Leeds" } });
    await addSuppression({ email, reason: "manual", source: "admin", actor: admin });
    const job = await db.importJob.create({ data: { kind: "customers", fileName: "march.csv" } });
    await db.importRejection.create({
      data: { importJobId: job.id, rowNumber: 4, field: "country", reason: "Unknown", raw: `${email},Narnia` },
    });
    await db.identityFlag.create({
      data: { kind: "junk", type: "email", value: email, customerIds: [c.id], detail: `${email} is shared` },
    });
    await db.$executeRaw`INSERT INTO flows (id, name, trigger, steps) VALUES ('flow-cover', 'Welcome', '{}', '[]')`;
    const [run] = await db.$queryRaw<{ id: bigint }[]>`
      INSERT INTO flow_runs (flow_id, customer_id, status, step_id, phase, triggered_at, flow_version)
      VALUES ('flow-cover', ${c.id}, 'active', 's1', 'wait', now(), 1) RETURNING id`;
    await db.$executeRaw`INSERT INTO flow_run_steps (run_id, step_id, flow_id, started_at) VALUES (${run!.id}, 's1', 'flow-cover', now())`;
    await db.$executeRaw`INSERT INTO campaigns (id, name, updated_at) VALUES ('camp-cover', 'Spring', now())`;
    await db.$executeRaw`INSERT INTO campaign_sends (campaign_id, customer_id, chunk, email) VALUES ('camp-cover', ${c.id}, 0, ${email})`;
    await db.$executeRaw`
      INSERT INTO email_interactions (campaign_id, customer_id, kind, user_agent, occurred_at) VALUES ('camp-cover', ${c.id}, 'open', ${userAgent}, now())`;
    await db.$executeRaw`INSERT INTO customer_scores (customer_id, clv, updated_at) VALUES (${c.id}, 120.5, now())`;

    const exported = JSON.parse(toExportJson(await exportCustomerData({ customerId: c.id, requestedBy: "data_subject", actor: admin })));
    const empty = Object.entries(personalDataTables)
      .filter(([, cover]) => !(Array.isArray(exported[cover.export]) ? exported[cover.export].length : exported[cover.export]))
      .map(([table, cover]) => `${table} → ${cover.export}`);
    expect(empty).toEqual([]);
    expect(exported.trackingCalls[0].payload.context).toEqual({ ip, userAgent });
    expect(exported.merges[0]).toMatchObject({ mergedId: merged.id, mergedSnapshot: { email } });
    expect(exported.auditEntries.map((a: { action: string }) => a.action)).toContain("customer.update");
    expect(exported.suppressions).toEqual([expect.objectContaining({ email, reason: "manual" })]);
    expect(exported.rejectedRows).toEqual([expect.objectContaining({ fileName: "march.csv", rowNumber: 4 })]);
    expect(exported.identityFlags).toEqual([expect.objectContaining({ kind: "junk", value: email })]);
    expect(exported.flowRunSteps).toEqual([expect.objectContaining({ flowId: "flow-cover", stepId: "s1" })]);
    for (const table of ["campaign_sends", "email_interactions", "flow_runs", "customer_scores"])
      expect(exported.other[table], table).toHaveLength(1);

    await eraseCustomer({ customerId: c.id, requestedBy: "data_subject", actor: admin });
    const after = toExportJson(await exportCustomerData({ customerId: c.id, requestedBy: "data_subject", actor: admin }));
    for (const held of [email, "Petra", "Voss", "+447700900555", "anon-petra-77", ip, userAgent]) expect(after).not.toContain(held);
    for (const table of ["tracking_events", "customer_merges", "identity_flags", "import_rejections", "email_interactions"]) {
      const [hit] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}" t WHERE t::text ILIKE ANY($1)`, [
        `%${email}%`,
        `%${ip}%`,
        `%${userAgent}%`,
      ]);
      expect(hit!.n, table).toBe(0);
    }
  });
});
