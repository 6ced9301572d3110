import { describe, expect, it } from "vitest";
import { db } from "../db";
import { verifyCredentials } from "../auth/verify-credentials";
import { changePassword } from "./change-password";
import { createUser } from "./create-user";

describe("changePassword", () => {
  it("changes the hash, signs in with the new password only, and writes the audit log", async () => {
    const user = await createUser({
      email: "Marta@Shop.test",
      password: "old-password-1",
      role: "marketer",
      actor: { id: null, label: "test" },
    });
    expect(user.email).toBe("marta@shop.test");

    await changePassword({ userId: user.id, currentPassword: "old-password-1", newPassword: "new-password-2" });

    expect(await verifyCredentials({ email: "marta@shop.test", password: "old-password-1" })).toBeNull();
    expect(await verifyCredentials({ email: "MARTA@shop.test", password: "new-password-2" })).toMatchObject({
      id: user.id,
      role: "marketer",
    });
    const log = await db.auditLog.findMany({ where: { targetType: "user", targetId: user.id }, orderBy: { id: "asc" } });
    expect(log.map((l) => [l.action, l.actorId, l.actorLabel])).toEqual([
      ["user.create", null, "test"],
      ["user.change_password", user.id, "marta@shop.test"],
    ]);
    expect(JSON.stringify(log.map((l) => [l.before, l.after]))).not.toMatch(/password-|\$2[aby]\$/);
  });

  it("refuses a wrong current password and changes nothing", async () => {
    const user = await createUser({
      email: "li@shop.test",
      password: "right-password",
      role: "viewer",
      actor: { id: null, label: "test" },
    });
    await expect(
      changePassword({ userId: user.id, currentPassword: "wrong-password", newPassword: "another-pass-3" }),
    ).rejects.toMatchObject({
      code: "unprocessable",
    });
    expect(await verifyCredentials({ email: "li@shop.test", password: "right-password" })).not.toBeNull();
    expect(await db.auditLog.count({ where: { action: "user.change_password", targetId: user.id } })).toBe(0);
  });
});
