import { actionInputTooLargeMessage, maxActionBodyBytes } from "@/lib/http/action-body-limit";
import type { ActionResult } from "@/lib/http/action-result";

const offline = "Tailor's server did not answer. Check that it is running and you are online, then try again.";

/**
 * Calls a server action from the browser, always resolving to an ActionResult: input over the
 * server actions' body limit is refused here with a message saying so (Next would answer a bare
 * error), and a call that fails without an answer says the server did not answer.
 */
export async function callAction<R>(action: (input: unknown) => Promise<ActionResult<R>>, input: unknown): Promise<ActionResult<R>> {
  // Next sends the arguments encoded much like JSON: its size in UTF-8 is the body's, give or take a few bytes.
  const bytes = new Blob([JSON.stringify([input]) ?? ""]).size;
  const tooLarge = { ok: false as const, code: "too_large", error: actionInputTooLargeMessage(bytes), fieldErrors: {} };
  if (bytes > maxActionBodyBytes - 1024) return tooLarge;
  try {
    return await action(input);
  } catch {
    return bytes > maxActionBodyBytes * 0.9 ? tooLarge : { ok: false, code: "unavailable", error: offline, fieldErrors: {} };
  }
}
