import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { actionError } from "../http/action-error";
import type { ActionResult } from "../http/action-result";
import { authorize } from "./authorize";
import { getSessionUser } from "./get-session-user.server";
import type { Role } from "./roles";
import type { SessionUser } from "./session-user";

export interface ActionDefinition<S extends z.ZodType, R> {
  minRole: Role;
  schema: S;
  run: (options: { input: z.infer<S>; user: SessionUser }) => Promise<R>;
}

/**
 * A server action body: checks the role first, parses the input with the zod schema the form
 * shares, calls lib/, and returns `{ ok: true, data }` or `{ ok: false, error, fieldErrors }`.
 * redirect()/notFound() thrown by `run` pass through.
 */
export function defineAction<S extends z.ZodType, R>(definition: ActionDefinition<S, R>) {
  return async (raw: unknown): Promise<ActionResult<R>> => {
    try {
      const user = authorize(await getSessionUser(), definition.minRole);
      const input = definition.schema.parse(raw) as z.infer<S>;
      return { ok: true, data: await definition.run({ input, user }) };
    } catch (e) {
      unstable_rethrow(e);
      return actionError(e);
    }
  };
}

/**
 * A server action anyone may call (only /setup's first-admin form): the same parsing and error
 * mapping as defineAction, without a role check. The use case itself must guard (zero users).
 */
export function definePublicAction<S extends z.ZodType, R>(
  definition: Omit<ActionDefinition<S, R>, "minRole" | "run"> & { run: (options: { input: z.infer<S> }) => Promise<R> },
) {
  return async (raw: unknown): Promise<ActionResult<R>> => {
    try {
      const input = definition.schema.parse(raw) as z.infer<S>;
      return { ok: true, data: await definition.run({ input }) };
    } catch (e) {
      unstable_rethrow(e);
      return actionError(e);
    }
  };
}
