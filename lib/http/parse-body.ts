import type { z } from "zod";
import { AppError } from "../errors";
import { maxJsonBodyBytes, readLimitedBody } from "./read-limited-body";

/**
 * Reads a JSON request body (at most 1 MB: 413 before reading past it) and parses it with the
 * schema (ZodError → 422 via toHttpError).
 */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const body = await readLimitedBody(
    request,
    maxJsonBodyBytes,
    `The request body is over ${maxJsonBodyBytes / 1024 / 1024} MB, more than Tailor reads. Send less at once.`,
  );
  let raw: unknown;
  try {
    raw = JSON.parse(body.toString("utf8"));
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON. Send a JSON object with Content-Type: application/json.");
  }
  return schema.parse(raw);
}
