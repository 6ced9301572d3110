import { errorResponse } from "../http/error-response";
import { authorize } from "./authorize";
import { getSessionUser } from "./get-session-user.server";
import type { Role } from "./roles";
import type { SessionUser } from "./session-user";

export interface RouteContext<P> {
  params: Promise<P>;
}

export type RoleHandler<P> = (request: Request, context: RouteContext<P> & { user: SessionUser }) => Promise<Response>;

/**
 * Wraps a route handler: checks the session and role first (401/403 as JSON), then runs the
 * handler; anything it throws is mapped by toHttpError (AppError, zod → 422, Prisma not found → 404).
 */
export function withRole<P = Record<string, never>>(minRole: Role, handler: RoleHandler<P>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      const user = authorize(await getSessionUser(), minRole);
      return await handler(request, { ...context, user });
    } catch (e) {
      return errorResponse(e);
    }
  };
}

/**
 * A route handler anyone may call without signing in (unsubscribe links, NextAuth's own routes).
 * The same error mapping as withRole; the route policy (lib/auth/route-policy.ts) lists each one.
 */
export function withPublicAccess<P = Record<string, never>>(handler: (request: Request, context: RouteContext<P>) => Promise<Response>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      return await handler(request, context);
    } catch (e) {
      return errorResponse(e);
    }
  };
}
