import { BlockList, isIP } from "node:net";

/**
 * Reads TRUSTED_PROXIES ("127.0.0.1, 10.0.0.0/8, fd00::/8"): addresses and CIDR ranges of the
 * reverse proxies in front of Tailor. Throws a message naming a malformed entry.
 */
export function parseTrustedProxies(list: string): BlockList {
  const trusted = new BlockList();
  for (const entry of list
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [address, bits, extra] = entry.split("/");
    const family = isIP(address ?? "");
    const prefix = Number(bits);
    const max = family === 6 ? 128 : 32;
    if (!family || extra !== undefined || (bits !== undefined && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= max)))
      throw new Error(
        `"${entry}" is not an IP address or CIDR range (e.g. 127.0.0.1, 10.0.0.0/8, fd00::/8). List the proxies in front of Tailor, comma-separated, or leave it empty when clients connect directly.`,
      );
    const type = family === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) trusted.addAddress(address!, type);
    else trusted.addSubnet(address!, prefix, type);
  }
  return trusted;
}
