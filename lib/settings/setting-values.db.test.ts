import { describe, expect, it } from "vitest";
import { systemActor } from "../audit/write-audit-log";
import { db } from "../db";
import { getSettingValues, setSettingValue } from "./setting-values";

const actor = systemActor("cli");

describe("settings by key", () => {
  it("sets and reads every kind of key, audit-logged, and refuses bad values naming what is expected", async () => {
    expect(await setSettingValue({ key: "sender_email", value: "news@hearth.test", actor })).toBe("news@hearth.test");
    expect(await setSettingValue({ key: "frequency_cap", value: "3 per 7 days", actor })).toBe("3/7d");
    expect(await setSettingValue({ key: "rate_limit_per_hour", value: "5000", actor })).toBe("5000");
    expect(await setSettingValue({ key: "reference_date", value: "2011-12-10", actor })).toBe("2011-12-10");
    expect(await getSettingValues()).toMatchObject({
      sender_email: "news@hearth.test",
      frequency_cap: "3/7d",
      rate_limit_per_hour: "5000",
      rate_limit_per_second: "off",
      reference_date: "2011-12-10",
      time_zone: "UTC",
    });
    expect(await db.setting.findUniqueOrThrow({ where: { id: 1 }, select: { frequencyCapCount: true, frequencyCapDays: true } })).toEqual({
      frequencyCapCount: 3,
      frequencyCapDays: 7,
    });
    await expect(setSettingValue({ key: "sender_email", value: "nope", actor })).rejects.toThrow(/sender_email: expected an email address/);
    await expect(setSettingValue({ key: "time_zone", value: "Mars/Olympus", actor })).rejects.toThrow(/expected an IANA time zone/);
    await expect(setSettingValue({ key: "colour", value: "red", actor })).rejects.toThrow(/Unknown setting "colour"/);
    const logged = await db.auditLog.findFirst({ where: { targetId: "frequency_cap" }, select: { before: true, after: true } });
    expect(logged).toEqual({ before: { frequency_cap: "off" }, after: { frequency_cap: "3/7d" } });
  });
});
