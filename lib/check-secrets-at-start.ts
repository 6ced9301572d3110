import { env, requireSecrets } from "./env";
import { isAppError } from "./errors";

/** For the web server's start: the secret is there (or written), else the message and exit 1. Not while Next builds. */
export function checkSecretsAtStart(): void {
  if (env().NEXT_PHASE === "phase-production-build") return;
  try {
    requireSecrets();
  } catch (e) {
    console.error(isAppError(e) ? e.message : e);
    process.exit(1);
  }
}
