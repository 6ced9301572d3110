import { readLimitedBody } from "../http/read-limited-body";
import { requestTrackingProcessing } from "../jobs/request-tracking-processing";
import { createGroupCommitter, type GroupCommitter } from "./create-group-committer";
import { handleTrackingRequest } from "./handle-tracking-request";
import { maxBatchBytes } from "./schemas";

const holder = globalThis as unknown as { __tailorTrackingCommitter?: GroupCommitter };

/**
 * The tracking API inside the web app (same paths, same rules, same group commit as the lean
 * ingest process on INGEST_PORT, which is the one to use for high volumes). Authenticated by API
 * key, not by session: these routes are called by websites and servers, not by signed-in users.
 */
export async function trackingRoute(request: Request): Promise<Response> {
  const receivedAt = new Date();
  holder.__tailorTrackingCommitter ??= createGroupCommitter({ onCommitted: (stored) => stored > 0 && requestTrackingProcessing() });
  const url = new URL(request.url);
  const body = request.method === "POST" ? await readLimitedBody(request, maxBatchBytes) : Buffer.alloc(0);
  const response = await handleTrackingRequest({
    committer: holder.__tailorTrackingCommitter,
    request: {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      authorization: request.headers.get("authorization"),
      origin: request.headers.get("origin"),
      body,
      receivedAt,
    },
  });
  const payload =
    response.body === null ? null : JSON.stringify(response.body, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  return new Response(payload, {
    status: response.status,
    headers: { ...response.headers, ...(payload ? { "content-type": "application/json" } : {}) },
  });
}
