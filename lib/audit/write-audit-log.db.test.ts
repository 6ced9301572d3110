import { describe, expect, it } from "vitest";
import { db } from "../db";
import { systemActor, writeAuditLog } from "./write-audit-log";

describe("writeAuditLog", () => {
  it("appends an entry with actor, target and before/after", async () => {
    await writeAuditLog({
      actor: systemActor("cli"),
      action: "settings.update",
      targetType: "settings",
      targetId: 1,
      before: { a: 1 },
      after: { a: 2 },
    });
    const rows = await db.auditLog.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: null,
      actorLabel: "cli",
      action: "settings.update",
      targetType: "settings",
      targetId: "1",
      before: { a: 1 },
      after: { a: 2 },
    });
  });

  it("is rolled back with the transaction it is written in", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await writeAuditLog({ actor: systemActor("system"), action: "x", targetType: "t" }, tx);
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await db.auditLog.count({ where: { action: "x" } })).toBe(0);
  });
});
