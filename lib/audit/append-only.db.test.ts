import { describe, expect, it } from "vitest";
import { db } from "../db";
import { writeAuditLog } from "./write-audit-log";
import { listAuditLog } from "./list-audit-log";
import { auditQuerySchema } from "./schemas";

const actor = { id: null, label: "admin@shop.test" };

describe("audit log", () => {
  it("refuses deletes and edits, allowing only the redaction of before/after", async () => {
    await writeAuditLog({ actor, action: "settings.update", targetType: "settings", targetId: 1, before: { a: 1 }, after: { a: 2 } });
    const entry = await db.auditLog.findFirstOrThrow();
    await expect(db.auditLog.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
    await expect(db.auditLog.update({ where: { id: entry.id }, data: { action: "something.else" } })).rejects.toThrow(/append-only/);
    await db.auditLog.update({ where: { id: entry.id }, data: { before: { redacted: true }, after: { redacted: true } } });
    expect(await db.auditLog.findFirstOrThrow()).toMatchObject({ action: "settings.update", before: { redacted: true } });
  });

  it("consent records keep what, when and how; only the proof may be blanked", async () => {
    const c = await db.customer.create({ data: { email: "x@shop.test" } });
    const r = await db.consentRecord.create({
      data: {
        customerId: c.id,
        purpose: "email_marketing",
        status: "granted",
        source: "import",
        occurredAt: new Date(),
        proof: { ip: "192.0.2.1" },
      },
    });
    await expect(db.consentRecord.update({ where: { id: r.id }, data: { status: "withdrawn" } })).rejects.toThrow(/append-only/);
    await db.consentRecord.update({ where: { id: r.id }, data: { proof: { redacted: true } } });
  });

  it("filters by actor, action, target and day", async () => {
    await writeAuditLog({ actor: { id: null, label: "marketer@shop.test" }, action: "consent.import", targetType: "consent_import" });
    await writeAuditLog({ actor, action: "consent.record", targetType: "customer", targetId: 42 });
    const q = (raw: Record<string, string>) => listAuditLog({ query: auditQuerySchema.parse(raw) });
    expect((await q({ actor: "MARKETER" })).rows.map((r) => r.action)).toEqual(["consent.import"]);
    expect((await q({ action: "consent." })).rows.map((r) => r.action)).toEqual(["consent.record", "consent.import"]);
    expect((await q({ targetType: "customer", targetId: "42" })).rows).toHaveLength(1);
    const today = new Date().toISOString().slice(0, 10);
    expect((await q({ from: today, to: today })).page.total).toBeGreaterThanOrEqual(3);
    expect((await q({ to: "2000-01-01" })).rows).toEqual([]);
    expect((await q({ from: "garbage", page: "-3" })).page.page).toBe(1);
  });
});
