import { describe, expect, it } from "vitest";
import { writeAuditLog } from "../audit/write-audit-log";
import { addressHash } from "../consent/installation-secret";
import { importTestFile, rejectionsOf } from "../../test/import-test-file";
import { recordConsent } from "../consent/record-consent";
import { db } from "../db";
import { eraseCustomer } from "./erase-customer";
import { exportCustomerData, toExportJson } from "./export-customer-data";
import { listDataSubjectRequests } from "./list-data-subject-requests";
import { subjectReference } from "./subject-reference";

const admin = { id: null, label: "admin@shop.test" };

async function seedPerson(o: { first: string; last: string; email: string; phone: string; externalId: string; anonymousId: string }) {
  const c = await db.customer.create({
    data: {
      email: o.email,
      firstName: o.first,
      lastName: o.last,
      phone: o.phone,
      city: "Lyon",
      country: "France",
      attributes: { nickname: `${o.first} ${o.last}`, contact: o.email },
      identities: {
        create: [
          { type: "email", value: o.email },
          { type: "phone", value: o.phone },
          { type: "external_id", source: "shop", value: o.externalId },
          { type: "anonymous_id", value: o.anonymousId },
        ],
      },
      orders: {
        create: [
          {
            source: "shop",
            orderNumber: `C5${o.externalId.replace(/\D/g, "")}`,
            kind: "purchase",
            placedAt: new Date("2024-01-01T00:00:00Z"),
            total: 12.5,
            country: "France",
            lines: {
              create: [
                {
                  position: 1,
                  sku: "MUG",
                  description: "Mug",
                  quantity: 1,
                  unitPrice: 12.5,
                  lineTotal: 12.5,
                  placedAt: new Date("2024-01-01T00:00:00Z"),
                },
              ],
            },
          },
        ],
      },
      events: {
        create: [
          {
            type: "page",
            occurredAt: new Date("2024-01-02T00:00:00Z"),
            properties: { url: "/account", email: o.email, name: `${o.first} ${o.last}` },
            messageId: `msg-${o.anonymousId}`,
          },
        ],
      },
    },
  });
  await recordConsent({
    customerId: c.id,
    purpose: "email_marketing",
    status: "granted",
    source: "tracking_api",
    proof: { ip: "203.0.113.77", userAgent: "Safari/17", wording: `Yes, email ${o.email}` },
    actor: admin,
  });
  return c;
}

describe("data subject export", () => {
  it("holds profile, identities, orders with lines, events, consent history and rows of other customer tables", async () => {
    await db.$executeRawUnsafe(`CREATE TABLE segment_members_x (customer_id int NOT NULL, segment text NOT NULL)`);
    const c = await seedPerson({
      first: "Ilse",
      last: "Exportova",
      email: "ilse@export.test",
      phone: "+33600000001",
      externalId: "EXP-1001",
      anonymousId: "anon-exp-1",
    });
    await db.$executeRawUnsafe(`INSERT INTO segment_members_x VALUES (${c.id}, 'VIP')`);
    const data = await exportCustomerData({ customerId: c.id, requestedBy: "data_subject", actor: admin });
    const json = JSON.parse(toExportJson(data));
    expect(json.profile).toMatchObject({ id: c.id, email: "ilse@export.test", firstName: "Ilse", phone: "+33600000001" });
    expect(json.identities.map((i: { value: string }) => i.value).sort()).toEqual([
      "+33600000001",
      "EXP-1001",
      "anon-exp-1",
      "ilse@export.test",
    ]);
    expect(json.orders[0]).toMatchObject({ orderNumber: "C51001", lines: [{ sku: "MUG", quantity: 1 }] });
    expect(json.events[0].properties).toMatchObject({ email: "ilse@export.test" });
    expect(json.consentHistory[0]).toMatchObject({ purpose: "email_marketing", status: "granted", proof: { ip: "203.0.113.77" } });
    expect(json.other.segment_members_x).toEqual([{ customer_id: c.id, segment: "VIP" }]);
    const request = await db.dataSubjectRequest.findFirstOrThrow({ where: { kind: "export" } });
    expect(request).toMatchObject({ subjectRef: subjectReference(c.id), requestedBy: "data_subject", performedBy: "admin@shop.test" });
    expect(await listDataSubjectRequests()).toEqual([expect.objectContaining({ kind: "export", subjectRef: subjectReference(c.id) })]);
    await db.$executeRawUnsafe(`DROP TABLE segment_members_x`);
  });
});

describe("erasure", () => {
  it("leaves the person's name, email, phone and ids in no text or JSON column of any table, and blocks resubscription", async () => {
    await db.$executeRawUnsafe(`CREATE TABLE send_log_x (id serial PRIMARY KEY, customer_id int, recipient text, payload jsonb)`);
    await db.$executeRawUnsafe(`CREATE TABLE raw_payloads_x (id serial PRIMARY KEY, body text, doc jsonb)`);
    const p = {
      first: "Zelda",
      last: "Quixotica",
      email: "zelda.q@erase.test",
      phone: "+447700900123",
      externalId: "ZQ-998877",
      anonymousId: "anon-zq-42",
    };
    const c = await seedPerson(p);
    const other = await seedPerson({
      first: "Otto",
      last: "Keepme",
      email: "otto@keep.test",
      phone: "+447700900999",
      externalId: "OK-1",
      anonymousId: "anon-ok-1",
    });
    await db.$executeRawUnsafe(
      `INSERT INTO send_log_x (customer_id, recipient, payload) VALUES (${c.id}, 'zelda.q@erase.test', '{"to":"Zelda Quixotica"}')`,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO raw_payloads_x (body, doc) VALUES ('identify ZELDA.Q@ERASE.TEST from anon-zq-42 and otto@keep.test', '{"userId":"ZQ-998877","phone":447700900123}'), ('order C5998877 for 998877 items', '{"n":1}')`,
    );
    await writeAuditLog({
      actor: admin,
      action: "customer.update",
      targetType: "customer",
      targetId: c.id,
      before: { email: p.email },
      after: { email: "new@erase.test" },
    });
    await writeAuditLog({
      actor: admin,
      action: "identity.merge",
      targetType: "identity",
      targetId: 1,
      after: { merged: [p.externalId, "OK-1"] },
    });
    const job = await db.importJob.create({ data: { kind: "customers-csv", fileName: "customers.csv" } });
    await db.importRejection.create({
      data: {
        importJobId: job.id,
        rowNumber: 7,
        field: "country",
        reason: "Unknown country",
        raw: `${p.email},${p.first},${p.last},Narnia`,
      },
    });

    const result = await eraseCustomer({ customerId: c.id, requestedBy: "data_subject", actor: admin });
    expect(result.reference).toBe(subjectReference(c.id));

    // Scan every text and JSON column of every table for every identifier (case-insensitive substring).
    const needles = [p.email, p.phone, `${p.first} ${p.last}`, p.first, p.last, p.externalId, p.anonymousId, "447700900123"];
    const columns = await db.$queryRaw<{ table: string; column: string }[]>`
      SELECT c.table_name AS "table", c.column_name AS "column" FROM information_schema.columns c
      JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.data_type IN ('text', 'character varying', 'json', 'jsonb', 'character')`;
    expect(columns.length).toBeGreaterThan(30);
    const hits: string[] = [];
    for (const { table, column } of columns) {
      for (const n of needles) {
        const [row] = await db.$queryRawUnsafe<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM "${table}" WHERE "${column}"::text ILIKE $1`,
          `%${n}%`,
        );
        if (row!.n > 0) hits.push(`${table}.${column} ∋ ${n}`);
      }
    }
    expect(hits).toEqual([]);

    // What remains: the anonymous order, consent history without proof, audit rows marked redacted, an HMAC on the suppression list.
    expect(await db.order.count({ where: { customerId: c.id } })).toBe(1);
    expect(await db.consentRecord.findFirst({ where: { customerId: c.id } })).toMatchObject({
      status: "granted",
      proof: { redacted: true },
    });
    expect(await db.auditLog.findFirst({ where: { action: "customer.update" } })).toMatchObject({
      before: { redacted: true },
      after: { redacted: true },
    });
    expect(await db.suppression.findUnique({ where: { addressHash: addressHash(p.email) } })).toMatchObject({
      reason: "erased",
      email: null,
    });
    expect(await db.dataSubjectRequest.findFirst({ where: { kind: "erasure" } })).toMatchObject({
      subjectRef: result.reference,
      requestedBy: "data_subject",
      performedBy: "admin@shop.test",
    });

    // Other people's data is untouched, including lookalike tokens.
    expect(await db.customer.findUnique({ where: { id: other.id } })).toMatchObject({ email: "otto@keep.test", firstName: "Otto" });
    const raw = await db.$queryRawUnsafe<{ body: string }[]>(`SELECT body FROM raw_payloads_x ORDER BY id`);
    expect(raw.map((r) => r.body)).toEqual(["identify [redacted] from [redacted] and otto@keep.test", "order C5998877 for 998877 items"]);

    // A later import with the address creates a new profile? No: it cannot grant email consent to the address.
    const again = await db.customer.create({ data: { email: p.email, identities: { create: [{ type: "email", value: p.email }] } } });
    const report = await importTestFile({
      kind: "consent",
      name: "consent.csv",
      content: `email,purpose,status,occurred_at\n${p.email},email_marketing,granted,2025-01-01T00:00:00Z\n`,
    });
    expect(report.imported).toBe(0);
    expect((await rejectionsOf(report.id))[0]).toMatchObject({
      rowNumber: 1,
      field: "status",
      reason: expect.stringMatching(/suppression list/),
    });
    expect(await db.consentRecord.count({ where: { customerId: again.id } })).toBe(0);
    await db.$executeRawUnsafe(`DROP TABLE send_log_x; DROP TABLE raw_payloads_x`);
  });
});
