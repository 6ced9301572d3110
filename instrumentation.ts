/**
 * Runs once when the web server starts (Next.js instrumentation): the installation's secret is read
 * from .env.local (or, outside production, written there on first run) before the first request, and
 * a production server without one refuses to start, saying how to set it; and each request carries the
 * address it came from, as no client can set it.
 */
export async function register(): Promise<void> {
  // Node.js runtime only (Next sets NEXT_RUNTIME and drops this branch from the Edge build, which has no file system).
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkSecretsAtStart } = await import("./lib/check-secrets-at-start");
    checkSecretsAtStart();
    // Per-address limits and the sign-in throttle need the connection's address (lib/http/client-address.ts).
    const { stampSocketAddresses } = await import("./lib/http/stamp-socket-address");
    stampSocketAddresses();
  }
}
