/** The IP and user agent of a request, as consent proof (first X-Forwarded-For hop when behind a proxy). */
export function clientProof(headers: Headers): { ip?: string; userAgent?: string } {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || headers.get("x-real-ip") || undefined;
  const userAgent = headers.get("user-agent") ?? undefined;
  return { ip: ip?.slice(0, 100), userAgent: userAgent?.slice(0, 500) };
}
