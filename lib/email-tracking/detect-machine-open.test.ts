import { describe, expect, it } from "vitest";
import { detectMachineOpen, ipRanges, parseIpRanges } from "./detect-machine-open";

const sentAt = new Date("2026-12-07T08:00:00Z");
const later = new Date("2026-12-07T09:30:00Z");
const appleMail = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)";
const chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const open = (userAgent: string | null, extra: Partial<Parameters<typeof detectMachineOpen>[0]> = {}, list?: ReturnType<typeof ipRanges>) =>
  detectMachineOpen({ userAgent, ip: "203.0.113.9", at: later, sentAt, ...extra }, list);

describe("machine opens", () => {
  it("takes people reading in mail apps, webmail and Gmail's or Yahoo's image proxies for people", () => {
    for (const ua of [
      appleMail,
      chrome,
      "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
      "YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html",
      "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)",
    ])
      expect(open(ua), ua).toEqual({ machine: false, reason: null });
  });

  it("flags Apple Mail Privacy Protection, scanners, bots and requests without a user agent", () => {
    expect(open("Mozilla/5.0")).toEqual({ machine: true, reason: "Apple Mail Privacy Protection" });
    expect(open(null).reason).toBe("no user agent");
    expect(open("Mozilla/5.0 (compatible; Mimecast)").reason).toMatch(/security scanner/);
    expect(open("Barracuda Sentinel (EE)").machine).toBe(true);
    expect(open("python-requests/2.31").reason).toMatch(/automated client/);
    expect(
      open("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36").machine,
    ).toBe(true);
  });

  it("flags a fetch within seconds of the send, not one minutes later", () => {
    expect(open(appleMail, { at: new Date(sentAt.getTime() + 2_000) }).reason).toMatch(/of sending/);
    expect(open(appleMail, { at: new Date(sentAt.getTime() + 60_000) }).machine).toBe(false);
    expect(open(appleMail, { sentAt: null, at: sentAt }).machine).toBe(false);
  });

  it("flags addresses on the uploaded list, IPv4 and IPv6, CSV or plain, and names the lines it cannot read", () => {
    const { ranges, problems } = parseIpRanges(
      "# Apple egress\n17.0.0.0/8,US,US-CA,Cupertino,\n2a01:b740::/32,GB\n\n198.51.100.7\nnot-an-ip\n10.0.0.0/33\n",
    );
    expect(ranges).toEqual(["17.0.0.0/8", "2a01:b740::/32", "198.51.100.7/32"]);
    expect(problems).toEqual([
      { line: 6, text: "not-an-ip" },
      { line: 7, text: "10.0.0.0/33" },
    ]);
    const list = ipRanges(ranges);
    expect(open(appleMail, { ip: "17.58.1.2" }, list)).toEqual({ machine: true, reason: "address on the machine list" });
    expect(open(appleMail, { ip: "::ffff:17.58.1.2" }, list).machine).toBe(true);
    expect(open(appleMail, { ip: "2a01:b740:1::5" }, list).machine).toBe(true);
    expect(open(appleMail, { ip: "198.51.100.7" }, list).machine).toBe(true);
    expect(open(appleMail, { ip: "198.51.100.8" }, list).machine).toBe(false);
    expect(open(appleMail, { ip: "garbage" }, list).machine).toBe(false);
  });
});
