import { describe, expect, it } from "vitest";
import { verifyCredentials } from "../auth/verify-credentials";
import { db } from "../db";
import { getUser } from "./get-user";
import { inviteUser } from "./invite-user";
import { setUserActive, setUserRole } from "./update-user-access";

const system = { id: null, label: "system" };

describe("user administration", () => {
  it("invites with a one-time password, changes roles, deactivates and reactivates, all audit-logged", async () => {
    const { user: admin } = await inviteUser({ email: "Boss@Shop.test", name: "Boss", role: "admin", actor: system });
    const { user, temporaryPassword } = await inviteUser({
      email: "new@shop.test",
      name: "",
      role: "viewer",
      actor: { id: admin.id, label: admin.email },
    });
    expect(await verifyCredentials({ email: "new@shop.test", password: temporaryPassword })).toMatchObject({ role: "viewer" });
    await expect(
      setUserRole({ userId: user.id, role: "marketer", reason: " ", actor: { id: admin.id, label: admin.email } }),
    ).rejects.toThrow(/Say why you change this role/);
    expect(await getUser({ id: user.id })).toMatchObject({ role: "viewer" });
    await setUserRole({
      userId: user.id,
      role: "marketer",
      reason: "Runs the spring campaign",
      actor: { id: admin.id, label: admin.email },
    });
    expect(await getUser({ id: user.id })).toMatchObject({ role: "marketer" });
    const roleChange = await db.auditLog.findFirstOrThrow({ where: { targetId: user.id, action: "user.set_role" } });
    expect(roleChange.after).toEqual({ role: "marketer", reason: "Runs the spring campaign" });
    await setUserActive({ userId: user.id, active: false, actor: { id: admin.id, label: admin.email } });
    expect(await getUser({ id: user.id })).toBeNull(); // existing sessions stop working at once
    expect(await verifyCredentials({ email: "new@shop.test", password: temporaryPassword })).toBeNull();
    await setUserActive({ userId: user.id, active: true, actor: { id: admin.id, label: admin.email } });
    expect(await getUser({ id: user.id })).toMatchObject({ email: "new@shop.test" });
    const actions = (await db.auditLog.findMany({ where: { targetId: user.id }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["user.create", "user.set_role", "user.deactivate", "user.reactivate"]);
  });

  it("never leaves the installation without an active admin, and nobody deactivates themself", async () => {
    const { user: only } = await inviteUser({ email: "only@shop.test", name: "", role: "admin", actor: system });
    const me = { id: only.id, label: only.email };
    await db.user.updateMany({ where: { id: { not: only.id } }, data: { deactivatedAt: new Date() } }); // the other admins left
    await expect(setUserRole({ userId: only.id, role: "viewer", reason: "Stepping down", actor: me })).rejects.toThrow(/only active admin/);
    await expect(setUserActive({ userId: only.id, active: false, actor: me })).rejects.toThrow(/cannot deactivate yourself/);
    await expect(setUserActive({ userId: only.id, active: false, actor: system })).rejects.toThrow(/only active admin/);
  });
});
