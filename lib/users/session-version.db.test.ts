import { describe, expect, it } from "vitest";
import { verifyCredentials } from "../auth/verify-credentials";
import { changePassword } from "./change-password";
import { createUser } from "./create-user";
import { getUser } from "./get-user";
import { setUserActive, setUserRole } from "./update-user-access";

const actor = { id: null, label: "test" };

describe("sessions end when a user's password, role or activation changes", () => {
  it("a password change ends the sessions signed in before it, and gives the new version to keep the current one", async () => {
    const user = await createUser({ email: "sv-pass@shop.test", password: "first-password-1", role: "marketer", actor });
    const signedIn = (await verifyCredentials({ email: "sv-pass@shop.test", password: "first-password-1" }))!;
    expect(await getUser({ id: user.id, sessionVersion: signedIn.sessionVersion })).toMatchObject({ id: user.id });

    const { sessionVersion } = await changePassword({
      userId: user.id,
      currentPassword: "first-password-1",
      newPassword: "second-password-2",
    });
    expect(sessionVersion).toBe(signedIn.sessionVersion + 1);
    expect(await getUser({ id: user.id, sessionVersion: signedIn.sessionVersion })).toBeNull();
    expect(await getUser({ id: user.id, sessionVersion })).toMatchObject({ id: user.id });
    expect((await verifyCredentials({ email: "sv-pass@shop.test", password: "second-password-2" }))!.sessionVersion).toBe(sessionVersion);
  });

  it("a role change and a deactivation end every session of the user", async () => {
    const user = await createUser({ email: "sv-role@shop.test", password: "role-password-1", role: "marketer", actor });
    const before = (await verifyCredentials({ email: "sv-role@shop.test", password: "role-password-1" }))!.sessionVersion;
    await setUserRole({ userId: user.id, role: "viewer", reason: "Moved to reporting only", actor });
    expect(await getUser({ id: user.id, sessionVersion: before })).toBeNull();
    const afterRole = (await verifyCredentials({ email: "sv-role@shop.test", password: "role-password-1" }))!;
    expect(afterRole).toMatchObject({ role: "viewer", sessionVersion: before + 1 });

    await setUserActive({ userId: user.id, active: false, actor });
    await setUserActive({ userId: user.id, active: true, actor });
    expect(await getUser({ id: user.id, sessionVersion: afterRole.sessionVersion })).toBeNull();
  });
});
