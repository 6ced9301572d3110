import http from "node:http";
import { createGroupCommitter, type GroupCommitter } from "./create-group-committer";
import { acceptedBody, handleTrackingRequest } from "./handle-tracking-request";
import { maxBatchBytes } from "./schemas";

export interface IngestServer {
  server: http.Server;
  committer: GroupCommitter;
  close(): Promise<void>;
}

const acceptedJson = JSON.stringify(acceptedBody);

/** Reads at most `limit` + 1 bytes: enough to tell an oversized body without buffering all of it. */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      if (size > limit) return;
      size += chunk.length;
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/**
 * The lean tracking API process: plain node:http in front of handleTrackingRequest and one group
 * committer. `onCommitted` is told how many new calls each group stored (to wake the worker).
 */
export function createIngestServer(options: { databaseUrl?: string; onCommitted?: (stored: number) => void } = {}): IngestServer {
  const committer = createGroupCommitter({ databaseUrl: options.databaseUrl, onCommitted: options.onCommitted });
  const server = http.createServer((req, res) => {
    const receivedAt = new Date();
    void (async () => {
      const body = req.method === "POST" ? await readBody(req, maxBatchBytes) : Buffer.alloc(0);
      const target = req.url ?? "/";
      const q = target.indexOf("?");
      const response = await handleTrackingRequest({
        committer,
        request: {
          method: req.method ?? "GET",
          path: q < 0 ? target : target.slice(0, q),
          query: new URLSearchParams(q < 0 ? "" : target.slice(q + 1)),
          authorization: req.headers.authorization,
          origin: req.headers.origin,
          body,
          receivedAt,
        },
      });
      const payload =
        response.body === null
          ? ""
          : response.body === acceptedBody
            ? acceptedJson
            : JSON.stringify(response.body, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
      if (payload) response.headers["content-type"] = "application/json";
      res.writeHead(response.status, response.headers);
      res.end(payload);
    })().catch((e: unknown) => {
      console.error("Tracking API: unexpected error", e);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          success: false,
          error: { code: "internal", message: "Something went wrong on our side; the call was not accepted. Retry it." },
        }),
      );
    });
  });
  server.keepAliveTimeout = 65_000;
  return {
    server,
    committer,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await committer.close();
    },
  };
}
