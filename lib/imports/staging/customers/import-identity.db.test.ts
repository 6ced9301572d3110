import { beforeEach, describe, expect, it } from "vitest";
import { systemActor } from "../../../audit/write-audit-log";
import { db } from "../../../db";
import { defaultIdentitySettings } from "../../../identity/get-identity-settings";
import type { Identifier } from "../../../identity/identifier";
import { resolveProfile } from "../../../identity/resolve-profile";
import { importTestFile } from "../../../../test/import-test-file";
import { SHOPIFY_CUSTOMER_COLUMNS } from "../../../../test/shopify-export-columns";

const HEADER = SHOPIFY_CUSTOMER_COLUMNS.join(",");

const row = (o: { id: string; first?: string; email: string; phone?: string }) =>
  [o.id, o.first ?? "", "", o.email, "no", "", "", "", "", "", "GB", "", "", o.phone ?? "", "no", "0", "0", "", "no", ""].join(",");

const customersFile = (...rows: string[]) => [HEADER, ...rows, ""].join("\n");

/** A profile as the tracking API makes it: resolved from the identifiers of a call. */
async function trackedProfile(...identifiers: Identifier[]): Promise<number> {
  const resolution = await db.$transaction((tx) =>
    resolveProfile({ tx, identifiers, settings: defaultIdentitySettings, actor: systemActor("worker") }),
  );
  return resolution.customerId;
}

const email = (value: string): Identifier => ({ type: "email", source: "", value });
const anonymous = (value: string): Identifier => ({ type: "anonymous_id", source: "", value });

async function identitiesOf(customerId: number) {
  const rows = await db.identity.findMany({
    where: { customerId },
    orderBy: [{ type: "asc" }, { value: "asc" }],
    select: { type: true, source: true, value: true },
  });
  return rows.map((i) => `${i.type}:${i.source}:${i.value}`);
}

beforeEach(async () => {
  await db.$executeRawUnsafe("TRUNCATE customers, products, identity_flags, import_jobs, audit_log RESTART IDENTITY CASCADE");
});

describe("identity resolution of imported people", () => {
  it("puts an imported email that a tracked profile uses on that profile, and a known phone too", async () => {
    const ada = await trackedProfile(anonymous("anon-ada"), email("ada@example.com"));
    const bob = await trackedProfile(anonymous("anon-bob"), { type: "phone", source: "", value: "+447700900123" });
    const report = await importTestFile({
      kind: "shopify-customers",
      name: "customers_export.csv",
      content: customersFile(
        row({ id: "7001", first: "Ada", email: " ADA@example.com" }),
        row({ id: "7002", first: "Bob", email: "bob@example.com", phone: "07700 900123" }),
        row({ id: "7003", first: "Cy", email: "cy@example.com" }),
      ),
    });
    expect(report).toMatchObject({ rowsRead: 3, imported: 1, updated: 2, rejected: 0 });
    expect(await db.customer.count()).toBe(3);
    expect(await db.customer.findUniqueOrThrow({ where: { id: ada }, select: { firstName: true } })).toEqual({ firstName: "Ada" });
    expect(await identitiesOf(ada)).toEqual(["email::ada@example.com", "external_id:shopify:7001", "anonymous_id::anon-ada"]);
    expect(await identitiesOf(bob)).toEqual([
      "email::bob@example.com",
      "phone::+447700900123",
      "external_id:shopify:7002",
      "anonymous_id::anon-bob",
    ]);

    // Importing the same file again changes nothing.
    const again = await importTestFile({
      kind: "shopify-customers",
      name: "customers_export.csv",
      content: customersFile(row({ id: "7001", first: "Ada", email: "ada@example.com" })),
    });
    expect(again).toMatchObject({ imported: 0, updated: 0, alreadyPresent: 1 });
    expect(await db.customer.count()).toBe(3);
  });

  it("never joins a profile that has another external id from the same source: flags the conflict instead", async () => {
    const grace = await trackedProfile(email("grace@example.com"), { type: "external_id", source: "shopify", value: "9999" });
    const report = await importTestFile({
      kind: "shopify-customers",
      name: "c.csv",
      content: customersFile(row({ id: "7002", first: "Grace", email: "grace@example.com" })),
    });
    expect(report).toMatchObject({ imported: 1, updated: 0 });
    const imported = await db.identity.findUniqueOrThrow({
      where: { type_source_value: { type: "external_id", source: "shopify", value: "7002" } },
    });
    expect(imported.customerId).not.toBe(grace);
    // The email stays with the profile that had it.
    expect(await identitiesOf(grace)).toEqual(["email::grace@example.com", "external_id:shopify:9999"]);
    expect(await identitiesOf(imported.customerId)).toEqual(["external_id:shopify:7002"]);
    const flags = await db.identityFlag.findMany({ select: { kind: true, type: true, value: true, customerIds: true } });
    expect(flags).toEqual([{ kind: "conflict", type: "email", value: "grace@example.com", customerIds: [grace] }]);
  });

  it("neither matches nor attaches a blocklisted or junk identifier", async () => {
    const holder = await trackedProfile(anonymous("anon-1"), email("someone@example.com"));
    // An identity on the blocklist that an older profile holds (from before the blocklist), and a junk flag.
    await db.identity.create({ data: { customerId: holder, type: "email", source: "", value: "test@test.com" } });
    await db.identityFlag.create({
      data: { kind: "junk", type: "email", source: "", value: "shared@example.com", detail: "Shared by too many profiles." },
    });
    const report = await importTestFile({
      kind: "shopify-customers",
      name: "c.csv",
      content: customersFile(
        row({ id: "8001", first: "One", email: "test@test.com" }),
        row({ id: "8002", first: "Two", email: "test@test.com" }),
        row({ id: "8003", first: "Three", email: "shared@example.com" }),
      ),
    });
    expect(report).toMatchObject({ rowsRead: 3, imported: 3, updated: 0 });
    const ids = await db.identity.findMany({
      where: { type: "external_id", source: "shopify" },
      orderBy: { value: "asc" },
      select: { customerId: true },
    });
    expect(new Set([holder, ...ids.map((i) => i.customerId)]).size).toBe(4);
    for (const { customerId } of ids) expect((await identitiesOf(customerId)).filter((i) => i.startsWith("email:"))).toEqual([]);
    expect(await identitiesOf(holder)).toEqual(["email::someone@example.com", "email::test@test.com", "anonymous_id::anon-1"]);
  });

  it("gives an imported order to the profile its buyer resolves to, by the same rules", async () => {
    const mia = await trackedProfile(anonymous("anon-mia"), email("mia@example.com"));
    const zoe = await trackedProfile(email("zoe@example.com"), { type: "external_id", source: "my-shop", value: "Z1" });
    const file = [
      "Email,Customer,Order,Date,Sku,Qty,Price",
      "MIA@example.com,,A-1,2024-03-05,MUG,2,12.50",
      "mia@example.com,,A-1,2024-03-05,POT,1,15.00",
      "zoe@example.com,Z2,A-2,2024-03-06,MUG,1,12.50",
      "",
    ].join("\n");
    const columns = {
      Email: "email",
      Customer: "external_id",
      Order: "order_number",
      Date: "placed_at",
      Sku: "sku",
      Qty: "quantity",
      Price: "unit_price",
    } as const;
    const report = await importTestFile({
      kind: "csv",
      name: "orders.csv",
      content: file,
      options: { mapping: { target: "orders", source: "my-shop", columns } },
    });
    expect(report).toMatchObject({ rowsRead: 3, imported: 3, rejected: 0 });
    const order = (orderNumber: string) =>
      db.order.findUniqueOrThrow({ where: { source_orderNumber: { source: "my-shop", orderNumber } }, include: { lines: true } });
    expect((await order("A-1")).customerId).toBe(mia);
    expect((await order("A-1")).lines).toHaveLength(2);
    // Z2 is not Z1: the order goes to a profile of its own, not to the one that has the email.
    const z2 = await db.identity.findUniqueOrThrow({
      where: { type_source_value: { type: "external_id", source: "my-shop", value: "Z2" } },
    });
    expect(z2.customerId).not.toBe(zoe);
    expect((await order("A-2")).customerId).toBe(z2.customerId);
    expect(await db.customer.count()).toBe(3);
  });
});
