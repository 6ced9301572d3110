import { describe, expect, it } from "vitest";
import { systemActor } from "../audit/write-audit-log";
import { db } from "../db";
import { replaceMachineIpRanges } from "./replace-machine-ip-ranges";

const actor = systemActor("cli");
const listed = async (ip: string) =>
  (await db.$queryRaw<{ hit: boolean }[]>`SELECT EXISTS (SELECT 1 FROM machine_ip_ranges WHERE range >>= ${ip}::inet) AS hit`)[0]!.hit;

describe("the uploaded machine address list", () => {
  it("replaces the list, matches addresses inside its ranges (IPv4 and IPv6), and is audit-logged", async () => {
    await replaceMachineIpRanges({ text: "10.9.9.9\n", actor });
    expect(await replaceMachineIpRanges({ text: "17.0.0.0/8,US,US-CA,Cupertino,\n2a01:b740::/32\n17.0.0.0/8\n", actor })).toEqual({
      ranges: 2,
    });
    expect(await listed("17.58.1.2")).toBe(true);
    expect(await listed("2a01:b740:1::5")).toBe(true);
    expect(await listed("10.9.9.9")).toBe(false); // the old list is gone
    expect(await db.auditLog.count({ where: { action: "machine_ip_ranges.replace" } })).toBe(2);
  });

  it("refuses a list with a line that is not an address, naming it, and keeps the old list", async () => {
    await replaceMachineIpRanges({ text: "192.0.2.0/24", actor });
    await expect(replaceMachineIpRanges({ text: "198.51.100.0/24\nnot an ip\n", actor })).rejects.toThrow(
      /line 2 "not an ip".*Nothing was changed/,
    );
    expect(await listed("192.0.2.7")).toBe(true);
    expect(await listed("198.51.100.7")).toBe(false);
  });
});
