import { describe, expect, it } from "vitest";
import { db } from "../db";
import { countUsers } from "./count-users";
import { createFirstAdmin } from "./create-first-admin";

describe("createFirstAdmin", () => {
  it("creates exactly one admin even when two setups race, then refuses", async () => {
    expect(await countUsers()).toBe(0);
    const results = await Promise.allSettled([
      createFirstAdmin({ email: "first@shop.test", password: "a-strong-password" }),
      createFirstAdmin({ email: "second@shop.test", password: "a-strong-password" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
    const users = await db.user.findMany({ select: { email: true, role: true } });
    expect(users).toHaveLength(1);
    expect(users[0]?.role).toBe("admin");
    const audit = await db.auditLog.findMany({ where: { action: "user.create" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorLabel: "setup", after: { email: users[0]?.email, role: "admin" } });

    await expect(createFirstAdmin({ email: "late@shop.test", password: "a-strong-password" })).rejects.toThrow(/already set up/);
  });
});
