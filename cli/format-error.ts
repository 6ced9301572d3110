import { ZodError } from "zod";
import { isAppError } from "../lib/errors";
import { postgresUnavailableMessage } from "../lib/jobs/check-services";
import { UsageError } from "./usage-error";
import { USAGE } from "./usage";

function hasCode(e: unknown, code: string): boolean {
  for (let cur = e, depth = 0; cur && typeof cur === "object" && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    if ((cur as { code?: unknown }).code === code || String((cur as { message?: unknown }).message ?? "").includes(code)) return true;
  }
  return false;
}

/** The one line (or usage text) the CLI prints for an error, and its exit code. Never a stack trace. */
export function formatError(e: unknown): { message: string; exitCode: number } {
  if (e instanceof UsageError) return { message: `${e.message}\n\n${USAGE}`, exitCode: 2 };
  if ((e as { code?: unknown }).code?.toString().startsWith("ERR_PARSE_ARGS")) {
    return { message: `${(e as Error).message}\n\n${USAGE}`, exitCode: 2 };
  }
  if (isAppError(e)) return { message: e.message, exitCode: 1 };
  if (e instanceof ZodError) {
    return { message: e.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("\n"), exitCode: 1 };
  }
  if (hasCode(e, "ECONNREFUSED") || hasCode(e, "ECONNRESET")) return { message: postgresUnavailableMessage(), exitCode: 1 };
  return { message: `Unexpected error: ${e instanceof Error ? e.message : String(e)}`, exitCode: 1 };
}
