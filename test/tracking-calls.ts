import { afterAll, beforeAll } from "vitest";
import { systemActor } from "../lib/audit/write-audit-log";
import { createApiKey } from "../lib/tracking/create-api-key";
import { createGroupCommitter, type GroupCommitter } from "../lib/tracking/create-group-committer";
import { parseTrackingBody, type TrackingEndpoint } from "../lib/tracking/parse-tracking-body";

export type TrackingCall = [TrackingEndpoint, Record<string, unknown>];

/**
 * Tracking calls committed as the API accepts them (parsed, then through the group committer), for
 * the tests of what the worker makes of them. Call it at a test file's top level: it opens the
 * committer before the file's tests and closes it after. Each call gets the messageId
 * `<prefix>-<n>` unless it brings its own.
 */
export function trackingCallsCommitter(prefix: string) {
  let committer: GroupCommitter;
  let n = 0;
  beforeAll(() => {
    committer = createGroupCommitter();
  });
  afterAll(async () => {
    await committer.close();
  });
  /** Commits one call as received through the API key `apiKeyId` at `receivedAt`; the committer's outcome of each row. */
  async function submit(apiKeyId: string, [endpoint, call]: TrackingCall, receivedAt = new Date()) {
    const { rows } = parseTrackingBody({ endpoint, body: Buffer.from(JSON.stringify(call)), receivedAt });
    return committer.submit(rows.map((r) => ({ ...r, apiKeyId })));
  }
  /** Commits one call under the next messageId (unless it brings its own); returns that messageId. */
  async function commit(apiKeyId: string, [endpoint, call]: TrackingCall, receivedAt?: Date): Promise<string> {
    const messageId = `${prefix}-${++n}`;
    await submit(apiKeyId, [endpoint, { messageId, ...call }], receivedAt);
    return messageId;
  }
  return { commit, submit };
}

/** A secret API key's id (the kind of key whose calls may carry consent and known identities). */
export async function createSecretKey(label: string, source: string): Promise<string> {
  return (await createApiKey({ input: { label, kind: "secret", source }, actor: systemActor("system") })).id;
}
