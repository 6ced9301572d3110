import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { getCustomerConsents } from "./get-customer-consents";
import { listCustomers } from "./list-customers";
import { customerListQuerySchema } from "./schemas";

async function seedCustomer(c: {
  firstName?: string;
  lastName?: string;
  email?: string;
  externalId?: string;
  totals?: number[];
  lastSeen?: string;
}) {
  const customer = await db.customer.create({
    data: { firstName: c.firstName, lastName: c.lastName, email: c.email, lastSeenAt: c.lastSeen ? new Date(c.lastSeen) : null },
  });
  if (c.externalId)
    await db.identity.create({ data: { customerId: customer.id, type: "external_id", source: "online-retail", value: c.externalId } });
  for (const [i, total] of (c.totals ?? []).entries()) {
    await db.order.create({
      data: {
        source: "test",
        orderNumber: `${customer.id}-${i}`,
        customerId: customer.id,
        kind: total < 0 ? "cancellation" : "purchase",
        placedAt: new Date(Date.UTC(2011, 0, 1 + i)),
        total,
      },
    });
  }
  return customer;
}

const list = (params: Record<string, string>) => listCustomers({ query: customerListQuerySchema.parse(params) });
const names = (rows: { firstName: string | null; lastName: string | null; id: number }[]) => rows.map((r) => r.lastName ?? `#${r.id}`);

describe("listCustomers", () => {
  let retail: { id: number };
  beforeAll(async () => {
    await seedCustomer({ firstName: "Anna", lastName: "Smith", email: "anna.smith@shop.test", totals: [100, 50], lastSeen: "2011-05-01" });
    await seedCustomer({ firstName: "Ben", lastName: "Smithers", email: "ben@example.test", totals: [500, -20], lastSeen: "2011-07-01" });
    await seedCustomer({ firstName: "Chloé", lastName: "Durand", email: "chloe@exemple.test", totals: [10], lastSeen: "2011-03-01" });
    retail = await seedCustomer({ externalId: "17850", totals: [1, 2, 3] });
  });

  it("sorts by last seen by default, newest first, with figures per row", async () => {
    const { rows, page } = await list({});
    expect(page.total).toBe(4);
    expect(names(rows).slice(0, 3)).toEqual(["Smithers", "Smith", "Durand"]);
    expect(rows[0]).toMatchObject({ orders: 1, netRevenue: 480 });
  });

  it("finds customers by any part of a name or email, every word must match", async () => {
    expect(names((await list({ q: "smith" })).rows).sort()).toEqual(["Smith", "Smithers"]);
    expect(names((await list({ q: "anna smi" })).rows)).toEqual(["Smith"]);
    expect(names((await list({ q: "EXEMPLE" })).rows)).toEqual(["Durand"]);
    expect((await list({ q: "100%" })).rows).toEqual([]);
  });

  it("finds a customer by external id (also as 17850.0) and by customer id", async () => {
    expect((await list({ q: "17850" })).rows.map((r) => r.id)).toEqual([retail.id]);
    expect((await list({ q: "17850.0" })).rows.map((r) => r.id)).toEqual([retail.id]);
    expect((await list({ q: `#${retail.id}` })).rows.map((r) => r.id)).toEqual([retail.id]);
  });

  it("sorts by revenue and orders, in both directions, with and without a search", async () => {
    expect(names((await list({ sort: "revenue" })).rows)).toEqual(["Smithers", "Smith", "Durand", `#${retail.id}`]);
    expect(names((await list({ sort: "revenue", dir: "asc", q: "smith" })).rows)).toEqual(["Smith", "Smithers"]);
    expect(names((await list({ sort: "orders" })).rows)[0]).toBe(`#${retail.id}`);
  });

  it("paginates in SQL", async () => {
    const second = await listCustomers({ query: customerListQuerySchema.parse({ sort: "name", page: "2" }), pageSize: 3 });
    expect(second.page).toMatchObject({ page: 2, pageCount: 2, total: 4 });
    expect(second.rows).toHaveLength(1);
  });
});

describe("getCustomerConsents", () => {
  it("derives the current status from the latest record per purpose, and the purpose's default otherwise", async () => {
    const c = await seedCustomer({ firstName: "Dora" });
    const at = (d: string) => new Date(d);
    await db.consentRecord.createMany({
      data: [
        { customerId: c.id, purpose: "email_marketing", status: "granted", source: "import", occurredAt: at("2011-01-01") },
        { customerId: c.id, purpose: "email_marketing", status: "withdrawn", source: "unsubscribe_link", occurredAt: at("2011-06-01") },
        { customerId: c.id, purpose: "profiling", status: "granted", source: "preference_centre", occurredAt: at("2011-02-01") },
      ],
    });
    expect(await getCustomerConsents({ customerId: c.id })).toMatchObject([
      { purpose: "email_marketing", status: "withdrawn", source: "unsubscribe_link", allowed: false },
      { purpose: "personalization", status: null, allowed: true },
      { purpose: "profiling", status: "granted", allowed: true },
    ]);
    const other = await seedCustomer({ firstName: "Emil" });
    expect(await getCustomerConsents({ customerId: other.id })).toEqual([
      { purpose: "email_marketing", label: "Email marketing", status: null, source: null, occurredAt: null, allowed: false },
      { purpose: "personalization", label: "Personalization and profiling", status: null, source: null, occurredAt: null, allowed: true },
    ]);
  });
});
