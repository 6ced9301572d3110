import { notFound } from "next/navigation";
import { isAppError } from "../errors";

/** For `.catch()` in pages: an AppError "not_found" renders the segment's not-found page; anything else is rethrown. */
export function notFoundOnAppError(e: unknown): never {
  if (isAppError(e) && e.code === "not_found") notFound();
  throw e;
}
