import { env } from "../env";
import { AppError, toHttpError } from "../errors";
import { createRateLimiter, type RateLimiter } from "../http/rate-limit";
import { findProfileByIdentifier } from "../identity/find-profile-by-identifier";
import type { GroupCommitter } from "./create-group-committer";
import { readApiKeyToken } from "./api-key-token";
import { findApiKey, isOriginAllowed, type LiveApiKey } from "./find-api-key";
import { parseTrackingBody, type TrackingEndpoint } from "./parse-tracking-body";
import { trackingCallTypes } from "./schemas";

export interface TrackingRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  query: URLSearchParams;
  authorization?: string | null;
  origin?: string | null;
  body: Buffer;
  receivedAt: Date;
}

export interface TrackingResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** The answer to an accepted call (shared: the server sends its JSON without serialising it each time). */
export const acceptedBody = Object.freeze({ success: true });

let limiter: RateLimiter | undefined;
/** Calls per key and second (TRACKING_RATE_LIMIT; a batch counts its calls), shared by every tracking process. */
function trackingLimiter(): RateLimiter {
  limiter ??= createRateLimiter({ name: "tracking", points: env().TRACKING_RATE_LIMIT, durationSeconds: 1, what: "calls for this key" });
  return limiter;
}

const endpoints = new Set<string>([...trackingCallTypes, "batch"]);
// Segment's libraries post to <host>/v1/<call>; Tailor's own path is /api/v1/<call>. Both work.
const pathPattern = /^(?:\/api)?\/v1\/([a-z]+)\/?$/;

function corsHeaders(origin: string | null | undefined): Record<string, string> {
  return origin ? { "access-control-allow-origin": origin, vary: "Origin" } : {};
}

async function authenticate(request: TrackingRequest, bodyWriteKey?: string, fresh = false): Promise<LiveApiKey> {
  const token = readApiKeyToken({ authorization: request.authorization, bodyWriteKey });
  if (!token) {
    throw new AppError(
      "unauthenticated",
      'No API key: send it as HTTP Basic auth with the key as user name and an empty password (Authorization: Basic base64("<key>:")).',
    );
  }
  const key = await findApiKey({ token, fresh });
  if (!key)
    throw new AppError("unauthenticated", "This API key is unknown or has been revoked. Create a key on the API keys page (/api-keys).");
  if (request.origin) {
    if (key.kind === "secret") {
      throw new AppError("forbidden", "A secret key was sent from a browser. Use a public key in web pages; keep secret keys on servers.");
    }
    if (!key.allowedOrigins.includes(request.origin)) {
      throw new AppError(
        "forbidden",
        `The origin ${request.origin} is not allowed for this key. Add it to the key's allowed origins on the API keys page (/api-keys).`,
      );
    }
  }
  return key;
}

async function handle(request: TrackingRequest, committer: GroupCommitter): Promise<TrackingResponse> {
  const match = pathPattern.exec(request.path);
  const name = match?.[1] ?? "";
  if (request.method === "OPTIONS") {
    if (request.origin && (await isOriginAllowed({ origin: request.origin }))) {
      return {
        status: 204,
        headers: {
          ...corsHeaders(request.origin),
          "access-control-allow-methods": "POST, OPTIONS",
          "access-control-allow-headers": "Authorization, Content-Type",
          "access-control-max-age": "600",
        },
        body: null,
      };
    }
    throw new AppError(
      "forbidden",
      "This origin is not allowed: add it to a public key's allowed origins on the API keys page (/api-keys).",
    );
  }
  if (name === "profile" && request.method === "GET") {
    const key = await authenticate(request, undefined, true);
    if (key.kind !== "secret") throw new AppError("forbidden", "Reading data needs a secret key; public keys may only send events.");
    const profile = await findProfileByIdentifier({ query: request.query, source: key.source });
    return { status: 200, headers: {}, body: { profile } };
  }
  if (!endpoints.has(name)) {
    throw new AppError(
      "not_found",
      `There is no ${request.path}. The tracking API has POST /api/v1/identify, /track, /page, /screen, /group, /alias and /batch.`,
    );
  }
  if (request.method !== "POST") throw new AppError("bad_request", `Use POST for /api/v1/${name}.`);
  const parsed = parseTrackingBody({ endpoint: name as TrackingEndpoint, body: request.body, receivedAt: request.receivedAt });
  const key = await authenticate(request, parsed.writeKey);
  await trackingLimiter().take(key.id, parsed.rows.length);
  const outcomes = await committer.submit(parsed.rows.map((r) => ({ ...r, apiKeyId: key.id })));
  if (outcomes.includes("key_revoked"))
    throw new AppError("unauthenticated", "This API key has been revoked. Create a key on the API keys page (/api-keys).");
  return { status: 200, headers: corsHeaders(request.origin), body: acceptedBody };
}

/**
 * One tracking API call, independent of the HTTP server (the lean ingest process and the web app's
 * route handlers both use it). 200 `{ success: true }` only once every call in it is committed in
 * Postgres or known from before (same messageId); errors name the field and say how to fix it.
 */
export async function handleTrackingRequest(options: { request: TrackingRequest; committer: GroupCommitter }): Promise<TrackingResponse> {
  try {
    return await handle(options.request, options.committer);
  } catch (e) {
    const { status, body, headers } = toHttpError(e);
    // Errors are readable by a page only from an origin some live public key allows (never a refused one).
    const origin = options.request.origin;
    const cors = status !== 403 && origin && (await isOriginAllowed({ origin }).catch(() => false)) ? corsHeaders(origin) : {};
    return { status, headers: { ...cors, ...headers }, body: { success: false, ...body } };
  }
}
