import { isAppError } from "../errors";

/**
 * The fields a background run (clustering, model training) stores when it stops early: cancelled,
 * with its cancel message; or failed, with the AppError's message, or for an unexpected error the
 * text `unexpected` makes of it.
 */
export function stoppedRunFields(opts: {
  cancelled: boolean;
  error: unknown;
  cancelledMessage: string;
  unexpected: (errorText: string) => string;
}): { status: "cancelled" | "failed"; phase: "cancelled" | "failed"; error: string } {
  const { cancelled, error } = opts;
  const status = cancelled ? "cancelled" : "failed";
  const message = cancelled
    ? opts.cancelledMessage
    : isAppError(error)
      ? error.message
      : opts.unexpected(error instanceof Error ? error.message : String(error));
  return { status, phase: status, error: message };
}
