import ipaddr from "ipaddr.js";
import { isbotMatch } from "isbot";

/** What the pixel or redirect request tells about who fetched it. */
export interface InteractionSignal {
  userAgent: string | null;
  ip: string | null;
  at: Date;
  /** When the message was handed to the mail server (from the send ledger), when known. */
  sentAt: Date | null;
}

export interface MachineVerdict {
  machine: boolean;
  /** Why it was taken for a machine (shown in the report), null for a person. */
  reason: string | null;
}

/** Image proxies that fetch when a person opens the message (Gmail, Yahoo): a human open. */
const humanProxies = /GoogleImageProxy|YahooMailProxy|ggpht\.com/i;

/** Mail security gateways that fetch every image and link on delivery (isbot misses some). */
const scanners =
  /Mimecast|Proofpoint|Barracuda|Symantec|MessageLabs|Trend ?Micro|Forcepoint|FireEye|Cisco|IronPort|SafeLinks|ZScaler|Sophos/i;

/** Closer to the send than this and the fetch was made on delivery, not by a reader. */
export const machineWindowMs = 5_000;

/**
 * Whether an open (or click) was made by a machine rather than a person: Apple Mail Privacy
 * Protection (its proxy fetches every image with the bare user agent "Mozilla/5.0", from Apple's
 * addresses), security scanners and other bots (by user agent, isbot), addresses on the uploaded
 * list (Apple's egress ranges, a gateway's: `ranges` in memory, or `listed` when the database
 * checked it), or a fetch within seconds of the send.
 */
export function detectMachineOpen(signal: InteractionSignal, ranges: IpRanges = emptyRanges, listed = false): MachineVerdict {
  const ua = (signal.userAgent ?? "").trim();
  if (!ua) return { machine: true, reason: "no user agent" };
  if (ua === "Mozilla/5.0") return { machine: true, reason: "Apple Mail Privacy Protection" };
  if (!humanProxies.test(ua)) {
    const scanner = scanners.exec(ua);
    if (scanner) return { machine: true, reason: `security scanner (${scanner[0]})` };
    const bot = isbotMatch(ua);
    if (bot) return { machine: true, reason: `automated client (${bot.slice(0, 40)})` };
  }
  if (listed || (signal.ip && ranges.contains(signal.ip))) return { machine: true, reason: "address on the machine list" };
  if (signal.sentAt && signal.at.getTime() - signal.sentAt.getTime() < machineWindowMs)
    return { machine: true, reason: `within ${machineWindowMs / 1000} s of sending` };
  return { machine: false, reason: null };
}

export interface IpRanges {
  contains(ip: string): boolean;
  size: number;
}

const emptyRanges: IpRanges = { contains: () => false, size: 0 };

/**
 * Address ranges from an uploaded list: one CIDR range or address a line (IPv4 or IPv6); CSV lines
 * (Apple's egress-ip-ranges.csv) use their first field; blank lines and # comments are skipped.
 * Returns the ranges and the lines that are not addresses (with their line number).
 */
export function parseIpRanges(text: string): { ranges: string[]; problems: { line: number; text: string }[] } {
  const ranges: string[] = [];
  const problems: { line: number; text: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const value = raw.split(",")[0]!.trim();
    if (!value || value.startsWith("#")) return;
    try {
      const [address, bits] = value.includes("/") ? ipaddr.parseCIDR(value) : [ipaddr.parse(value), null];
      ranges.push(`${address.toString()}/${bits ?? (address.kind() === "ipv4" ? 32 : 128)}`);
    } catch {
      problems.push({ line: i + 1, text: raw.slice(0, 100) });
    }
  });
  return { ranges, problems };
}

/** A matcher over CIDR ranges (as parseIpRanges returns them). */
export function ipRanges(cidrs: readonly string[]): IpRanges {
  const parsed = cidrs.map((c) => ipaddr.parseCIDR(c));
  return {
    size: parsed.length,
    contains(ip: string) {
      let address: ipaddr.IPv4 | ipaddr.IPv6;
      try {
        address = ipaddr.process(ip);
      } catch {
        return false;
      }
      return parsed.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));
    },
  };
}
