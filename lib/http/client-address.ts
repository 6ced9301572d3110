import { isIP, type BlockList } from "node:net";
import { env } from "../env";
import { parseTrustedProxies } from "./parse-trusted-proxies";

/**
 * The header in which the web server passes each request's TCP peer address to the app
 * (lib/http/stamp-socket-address.ts, from instrumentation.ts). The server sets it on every request,
 * replacing any value a client sent, so it is the one address a client cannot choose.
 */
export const SOCKET_ADDRESS_HEADER = "x-tailor-socket-address";

/** "::ffff:127.0.0.1" (an IPv4 client of a dual-stack socket) is 127.0.0.1. */
function normalize(address: string | null | undefined): string | null {
  const a = address?.trim();
  if (!a) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  return (mapped ? mapped[1]! : a).slice(0, 100);
}

let cached: { list: string; trusted: BlockList } | undefined;

function trustedProxies(): BlockList {
  const list = env().TRUSTED_PROXIES;
  if (cached?.list !== list) cached = { list, trusted: parseTrustedProxies(list) };
  return cached.trusted;
}

function isTrusted(trusted: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address, for per-address limits and consent proof: the connection's own address,
 * unless it is one of TRUSTED_PROXIES; then X-Forwarded-For is read from its right end (the hop each
 * trusted proxy appended) back to the first address that is not a trusted proxy; what lies left of it
 * was written by the client and is never believed. A trusted proxy that sends no X-Forwarded-For may
 * name the client in X-Real-IP. Null when the server did not pass the connection's address.
 */
export function clientAddressOf(headers: Headers): string | null {
  let address = normalize(headers.get(SOCKET_ADDRESS_HEADER));
  if (!address) return null;
  const trusted = trustedProxies();
  if (!isTrusted(trusted, address)) return address;
  const hops = (headers.get("x-forwarded-for") ?? "").split(",");
  if (!hops.some((h) => h.trim())) return normalize(headers.get("x-real-ip")) ?? address;
  while (hops.length && isTrusted(trusted, address)) {
    const hop = normalize(hops.pop());
    if (hop) address = hop;
  }
  return address;
}

/** The client address for rate limits and the sign-in throttle ("unknown" when the server passed none: one shared count). */
export function clientAddress(headers: Headers): string {
  return clientAddressOf(headers) ?? "unknown";
}
