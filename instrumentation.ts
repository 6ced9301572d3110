/**
 * Runs once when the web server starts (Next.js instrumentation): the installation's secret is read
 * from .env.local (or, outside production, written there on first run) before the first request, and
 * a production server without one refuses to start, saying how to set it.
 */
export async function register(): Promise<void> {
  // Node.js runtime only: the Edge runtime has no file system (Next sets NEXT_RUNTIME itself).
  // eslint-disable-next-line no-restricted-syntax -- the runtime check must run before lib/env.ts is imported
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkSecretsAtStart } = await import("./lib/check-secrets-at-start");
  checkSecretsAtStart();
}
