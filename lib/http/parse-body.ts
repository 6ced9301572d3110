import type { z } from "zod";
import { AppError } from "../errors";

/** Reads a JSON request body and parses it with the schema (ZodError → 422 via toHttpError). */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON. Send a JSON object with Content-Type: application/json.");
  }
  return schema.parse(raw);
}
