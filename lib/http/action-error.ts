import { ZodError } from "zod";
import { toHttpError } from "../errors";
import { isFieldIssueList, type ActionResult } from "./action-result";

export type ActionFailure = Extract<ActionResult<never>, { ok: false }>;

/** Turns any thrown value into a failed ActionResult, through the one mapping in lib/errors.ts. */
export function actionError(e: unknown): ActionFailure {
  const { body } = toHttpError(e);
  const fieldErrors: Record<string, string> = {};
  if (isFieldIssueList(body.error.details)) {
    for (const issue of body.error.details) fieldErrors[issue.field] ??= issue.message;
  }
  const error = e instanceof ZodError ? "Some fields need fixing; see the messages below them." : body.error.message;
  return { ok: false, code: body.error.code, error, fieldErrors };
}
