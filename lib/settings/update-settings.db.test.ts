import { describe, expect, it } from "vitest";
import { db } from "../db";
import { defaultSettings, getSettings } from "./get-settings";
import { settingsFormSchema } from "./schemas";
import { updateSettings } from "./update-settings";

const actor = { id: null, label: "admin@shop.test" };

describe("settings", () => {
  it("returns the defaults while no row exists", async () => {
    expect(await db.setting.count()).toBe(0);
    expect(await getSettings()).toEqual(defaultSettings);
  });

  it("saves validated values (upsert id = 1) and logs before and after", async () => {
    const values = settingsFormSchema.parse({
      organisationName: " Gift Shop Ltd ",
      postalAddress: "1 High Street, London",
      timeZone: "europe/london",
      currency: "eur",
      defaultPhoneRegion: "ie",
      referenceDateMode: "pinned",
      referenceDate: "2011-12-10",
    });
    await updateSettings({ values, actor });
    await updateSettings({ values: { ...values, referenceDateMode: "now" }, actor });

    const saved = await getSettings();
    expect(saved).toMatchObject({
      organisationName: "Gift Shop Ltd",
      timeZone: "Europe/London",
      currency: "EUR",
      defaultPhoneRegion: "IE",
      referenceDate: null,
    });
    const log = await db.auditLog.findMany({ where: { action: "settings.update" }, orderBy: { id: "asc" } });
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({
      actorLabel: "admin@shop.test",
      targetId: "1",
      before: { organisationName: "My shop", referenceDate: null },
    });
    expect(log[0]?.after).toMatchObject({ currency: "EUR", referenceDate: "2011-12-10" });
    expect(log[1]).toMatchObject({ before: { referenceDate: "2011-12-10" }, after: { referenceDate: null } });
  });

  it("rejects what is not a time zone, currency or country, with a message saying what to enter", () => {
    const result = settingsFormSchema.safeParse({
      organisationName: "",
      postalAddress: "",
      timeZone: "Mars/Olympus",
      currency: "XYZ",
      defaultPhoneRegion: "ZZ",
      referenceDateMode: "pinned",
      referenceDate: "2011-02-30",
    });
    expect(result.success).toBe(false);
    const fields = Object.fromEntries((result.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));
    expect(Object.keys(fields).sort()).toEqual(["currency", "defaultPhoneRegion", "organisationName", "referenceDate", "timeZone"]);
    expect(fields.timeZone).toMatch(/Europe\/London/);
  });
});
