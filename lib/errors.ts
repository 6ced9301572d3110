import { ZodError } from "zod";

export type AppErrorCode =
  | "bad_request"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "unprocessable"
  | "too_large"
  | "rate_limited"
  | "unavailable";

const statusByCode: Record<AppErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

/** An expected error: its message is meant for the user and says how to fix the problem. */
export class AppError extends Error {
  constructor(
    public readonly code: AppErrorCode,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** The one mapping from any thrown value to an HTTP status and a body safe to show. */
export function toHttpError(e: unknown): { status: number; body: ErrorBody; headers?: Record<string, string> } {
  if (e instanceof AppError) {
    const retryAfter = (e.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    return {
      status: statusByCode[e.code],
      body: { error: { code: e.code, message: e.message, details: e.details } },
      ...(e.code === "rate_limited" && retryAfter ? { headers: { "retry-after": String(retryAfter) } } : {}),
    };
  }
  if (e instanceof ZodError) {
    const details = e.issues.map((i) => ({ field: i.path.join("."), message: i.message }));
    const message = details.map((d) => (d.field ? `${d.field}: ${d.message}` : d.message)).join("; ");
    return { status: 422, body: { error: { code: "unprocessable", message, details } } };
  }
  if (typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2025") {
    return { status: 404, body: { error: { code: "not_found", message: "Not found." } } };
  }
  console.error("Unexpected error", e);
  return {
    status: 500,
    body: {
      error: {
        code: "internal",
        message: "Something went wrong on our side. Please try again; if it keeps happening, check the server log.",
      },
    },
  };
}
