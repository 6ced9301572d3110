/**
 * Runs once when the web server starts (Next.js instrumentation): the installation's secret is read
 * from .env.local (or, outside production, written there on first run) before the first request, and
 * a production server without one refuses to start, saying how to set it.
 */
export async function register(): Promise<void> {
  // Node.js runtime only (Next sets NEXT_RUNTIME and drops this branch from the Edge build, which has no file system).
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkSecretsAtStart } = await import("./lib/check-secrets-at-start");
    checkSecretsAtStart();
  }
}
