import { toHttpError } from "../errors";

/** A JSON error response from any thrown value, through the one mapping in lib/errors.ts. */
export function errorResponse(e: unknown): Response {
  const { status, body, headers } = toHttpError(e);
  return Response.json(body, { status, headers });
}
