import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { digestDemoData } from "./digest-demo-data";
import { digestDemoDatabase } from "./digest-demo-database";
import { DEMO_LOGINS, loadDemoData } from "./load-demo-data";

const now = new Date("2026-11-23T08:00:00Z");
const customers = 500;

const count = async (sql: string): Promise<number> => {
  const rows = await db.$queryRawUnsafe<{ n: bigint }[]>(sql);
  return Number(rows[0]?.n ?? -1);
};

/** Index and constraint definitions of the demo tables: the bulk-load mode must restore them verbatim. */
const schemaShape = async (): Promise<string[]> => {
  const rows = await db.$queryRawUnsafe<{ def: string }[]>(`
    SELECT indexdef AS def FROM pg_indexes WHERE schemaname = current_schema()
    UNION ALL
    SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
    ORDER BY 1`);
  return rows.map((r) => r.def);
};
let shapeBefore: string[] = [];

// The tests build on each other (load → skip → force → failed force), in order, in this file's own database.
describe("loadDemoData", () => {
  it("loads the shop with COPY and reports progress", async () => {
    shapeBefore = await schemaShape();
    expect(shapeBefore.length).toBeGreaterThan(20);
    const phases: string[] = [];
    const result = await loadDemoData({ customers, seed: 42, now, onProgress: (p) => phases.push(`${p.phase}:${p.percent}`) });
    expect(result.skipped).toBe(false);
    expect(result.customers).toBe(customers);
    expect(await count("SELECT count(*) AS n FROM customers")).toBe(customers);
    expect(await count("SELECT count(*) AS n FROM orders")).toBe(result.orders);
    expect(await count("SELECT count(*) AS n FROM events")).toBe(result.events);
    expect(result.orders).toBeGreaterThan(customers * 5);
    expect(phases[0]).toBe("checking:0");
    expect(phases.at(-1)).toBe("done:100");
    expect(await schemaShape()).toEqual(shapeBefore);
  });

  it("leaves the tables vacuumed and analysed, as segment counts need right after a bulk load", async () => {
    // vacuum_count counts VACUUM commands only (autovacuum has its own counter).
    const rows = await db.$queryRawUnsafe<{ relname: string; vacuumed: boolean; analysed: boolean }[]>(
      `SELECT relname, vacuum_count > 0 AS vacuumed, last_analyze IS NOT NULL AS analysed FROM pg_stat_user_tables
       WHERE relname IN ('customers', 'orders', 'events', 'consent_records', 'event_counts', 'consent_latest', 'customer_purchase_ranks') ORDER BY relname`,
    );
    expect(rows).toEqual(
      ["consent_latest", "consent_records", "customer_purchase_ranks", "customers", "event_counts", "events", "orders"].map((relname) => ({
        relname,
        vacuumed: true,
        analysed: true,
      })),
    );
  });

  it("writes consistent rows: owners exist, totals are the sum of lines, cancellations negative", async () => {
    expect(await count("SELECT count(*) AS n FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE c.id IS NULL")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM events e LEFT JOIN customers c ON c.id = e.customer_id WHERE c.id IS NULL")).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM orders o
      WHERE o.total <> (SELECT coalesce(sum(l.line_total), -1) FROM order_lines l WHERE l.order_id = o.id)`),
    ).toBe(0);
    expect(await count("SELECT count(*) AS n FROM order_lines WHERE line_total <> unit_price * quantity")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM orders WHERE kind = 'cancellation'")).toBeGreaterThan(0);
    expect(await count("SELECT count(*) AS n FROM orders WHERE (kind = 'cancellation') <> (total < 0)")).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM order_lines l JOIN orders o ON o.id = l.order_id
      WHERE o.kind = 'cancellation' AND l.quantity >= 0`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM orders c WHERE c.kind = 'cancellation' AND NOT EXISTS
      (SELECT 1 FROM orders p WHERE p.kind = 'purchase' AND 'C' || p.order_number = c.order_number AND p.customer_id = c.customer_id)`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM customers c WHERE NOT EXISTS
      (SELECT 1 FROM identities i WHERE i.customer_id = c.id AND i.type = 'external_id' AND i.source = 'demo')`),
    ).toBe(0);
    expect(await count("SELECT count(*) AS n FROM consent_records WHERE purpose = 'email_marketing'")).toBeGreaterThan(customers / 2);
  });

  it("stores exactly the generated data: database digest = generated digest; another seed differs", async () => {
    const stored = await digestDemoDatabase();
    expect(stored).toEqual(await digestDemoData({ customers, seed: 42, now }));
    expect((await digestDemoData({ customers, seed: 43, now })).digest).not.toBe(stored.digest);
  });

  it("resets the sequences, marks the settings, creates the demo users and logs the load", async () => {
    const next = await db.customer.create({ data: { email: "new@example.com" }, select: { id: true } });
    expect(next.id).toBe(customers + 1);
    await db.customer.delete({ where: { id: next.id } });
    expect((await db.setting.findUnique({ where: { id: 1 } }))?.demoLoadedAt).toBeInstanceOf(Date);
    for (const login of DEMO_LOGINS) {
      const user = await db.user.findUnique({ where: { email: login.email } });
      expect(user?.role).toBe(login.role);
      expect(user?.passwordHash.startsWith("$2b$10$")).toBe(true);
      expect(await bcrypt.compare(login.password, user?.passwordHash ?? "")).toBe(true);
    }
    const audit = await db.auditLog.findMany({ where: { action: "demo.load" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorLabel).toBe("demo");
  });

  it("skips a second load, and a database with customers but no mark", async () => {
    expect(await loadDemoData({ customers, seed: 42, now })).toEqual({ skipped: true, customers: 0, orders: 0, events: 0 });
    await db.setting.update({ where: { id: 1 }, data: { demoLoadedAt: null } });
    expect((await loadDemoData({ customers: 10, seed: 1, now })).skipped).toBe(true);
    expect(await count("SELECT count(*) AS n FROM customers")).toBe(customers);
  });

  it("replaces the data with force", async () => {
    const result = await loadDemoData({ customers: 300, seed: 43, now, force: true });
    expect(result.skipped).toBe(false);
    expect((await digestDemoDatabase()).digest).toBe((await digestDemoData({ customers: 300, seed: 43, now })).digest);
    expect(await db.user.count({ where: { email: { in: DEMO_LOGINS.map((l) => l.email) } } })).toBe(3);
  });

  it("leaves the previous data untouched when a load fails half-way", async () => {
    const before = await digestDemoDatabase();
    const failing = loadDemoData({
      customers: 5000,
      seed: 44,
      now,
      force: true,
      onProgress: (p) => {
        if (p.phase === "customers") throw new Error("interrupted");
      },
    });
    await expect(failing).rejects.toThrow("interrupted");
    expect(await digestDemoDatabase()).toEqual(before);
    expect(await schemaShape()).toEqual(shapeBefore);
    expect(await db.auditLog.count({ where: { action: "demo.load" } })).toBe(2);
  });
});
