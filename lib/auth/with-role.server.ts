import { AppError } from "../errors";
import { downloadErrorResponse, errorResponse } from "../http/error-response";
import { publicRateLimiter, type PublicEndpoint } from "../http/public-rate-limits";
import { clientAddress } from "../http/client-address";
import { readApiKeyToken } from "../tracking/api-key-token";
import { findApiKey } from "../tracking/find-api-key";
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
export function withRole<P = Record<string, never>>(
  minRole: Role,
  handler: RoleHandler<P>,
  options: { secretKey?: boolean; /** A file download: a person who opened the link sees errors as a page. */ download?: boolean } = {},
) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      const keyUser = options.secretKey ? await secretKeyUser(request) : null;
      const user = keyUser ?? authorize(await getSessionUser(), minRole);
      return await handler(request, { ...context, user });
    } catch (e) {
      return options.download ? downloadErrorResponse(e, request) : errorResponse(e);
    }
  };
}

/**
 * With `secretKey`, a server may read instead of a signed-in user by sending a secret API key (HTTP
 * Basic with the key as user name, or Bearer): secret keys are the only keys that may read data.
 * It reads as a marketer would (personal data unmasked, as the profile API gives it).
 */
async function secretKeyUser(request: Request): Promise<SessionUser | null> {
  const token = readApiKeyToken({ authorization: request.headers.get("authorization") });
  if (!token) return null;
  const key = await findApiKey({ token, fresh: true });
  if (!key)
    throw new AppError(
      "unauthenticated",
      "This API key is unknown or has been revoked. Create a secret key on the API keys page (/api-keys).",
    );
  if (key.kind !== "secret") throw new AppError("forbidden", "Reading data needs a secret key; public keys may only send events.");
  return { id: `api-key:${key.id}`, email: "", name: `API key (${key.source || "secret"})`, role: "marketer" };
}

/**
 * A route handler anyone may call without signing in (unsubscribe links, NextAuth's own routes).
 * The same error mapping as withRole; the route policy (lib/auth/route-policy.ts) lists each one.
 * With `rateLimit`, each client address is limited (429 with Retry-After) before the handler runs.
 */
export function withPublicAccess<P = Record<string, never>>(
  handler: (request: Request, context: RouteContext<P>) => Promise<Response>,
  options: { rateLimit?: PublicEndpoint } = {},
) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      if (options.rateLimit) await publicRateLimiter(options.rateLimit).take(clientAddress(request.headers));
      return await handler(request, context);
    } catch (e) {
      return errorResponse(e);
    }
  };
}
