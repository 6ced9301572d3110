import type { AddressInfo } from "node:net";
import { systemActor } from "../lib/audit/write-audit-log";
import { requestTrackingProcessing } from "../lib/jobs/request-tracking-processing";
import { createApiKey } from "../lib/tracking/create-api-key";
import { createIngestServer } from "../lib/tracking/create-ingest-server";

export interface IngestFixture {
  /** POSTs a tracking call (e.g. "/api/v1/track") with the fixture's key. */
  send(path: string, body: unknown): Promise<Response>;
  close(): Promise<void>;
}

/**
 * A tracking API on a free local port with a key, as a site's server calls it (a secret key: its calls
 * may merge profiles and state consent; a public key's need identity verification for that).
 * `wakeWorker` wakes the worker after each commit, as the real ingest process does.
 */
export async function startIngest(opts: { wakeWorker?: boolean; kind?: "public" | "secret" } = {}): Promise<IngestFixture> {
  const ingest = createIngestServer(opts.wakeWorker ? { onCommitted: (stored) => stored > 0 && requestTrackingProcessing() } : {});
  await new Promise<void>((resolve) => ingest.server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(ingest.server.address() as AddressInfo).port}`;
  const key = await createApiKey({
    input: { label: "Site", kind: opts.kind ?? "secret", source: "website" },
    actor: systemActor("system"),
  });
  const authorization = `Basic ${Buffer.from(`${key.token}:`).toString("base64")}`;
  return {
    send: (path, body) =>
      fetch(`${base}${path}`, {
        method: "POST",
        headers: { authorization, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    close: () => ingest.close(),
  };
}
