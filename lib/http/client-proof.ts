import { clientAddressOf } from "./client-address";

/** The IP and user agent of a request, as consent proof (the client address as lib/http/client-address.ts finds it). */
export function clientProof(headers: Headers): { ip?: string; userAgent?: string } {
  const ip = clientAddressOf(headers) ?? undefined;
  const userAgent = headers.get("user-agent") ?? undefined;
  return { ip, userAgent: userAgent?.slice(0, 500) };
}
