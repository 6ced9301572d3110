import { describe, expect, it } from "vitest";
import { db } from "../db";
import { getIdentitySettings } from "./get-identity-settings";
import { updateIdentitySettings } from "./update-identity-settings";

describe("updateIdentitySettings", () => {
  it("saves the threshold and a normalized blocklist, audit-logged", async () => {
    const actor = { id: null, label: "admin@example.com" };
    await updateIdentitySettings({
      values: { maxProfilesPerIdentifier: "8", blocklist: " Shared@Shop.com \n\n0000000000\nshared@shop.com" },
      actor,
    });
    expect(await getIdentitySettings()).toEqual({ maxProfilesPerIdentifier: 8, blocklist: ["shared@shop.com", "0000000000"] });
    expect(await db.auditLog.findFirst({ where: { action: "identity_settings.updated" } })).toMatchObject({
      actorLabel: "admin@example.com",
    });
  });

  it("refuses a threshold below 2, naming the field", async () => {
    await expect(
      updateIdentitySettings({ values: { maxProfilesPerIdentifier: 1, blocklist: "" }, actor: { id: null, label: "x" } }),
    ).rejects.toThrow(/At least 2/);
  });
});
