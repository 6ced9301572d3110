import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../lib/audit/write-audit-log";
import { db } from "../lib/db";
import { undoMerge } from "../lib/identity/undo-merge";
import { closeQueues } from "../lib/jobs/get-queue";
import { saveSegment } from "../lib/segments/save-segment";
import { segmentRulesSchema } from "../lib/segments/schemas";
import { startIngest, type IngestFixture } from "../test/ingest-fixture";
import { waitForSegmentBuilds } from "../test/wait-for-segment-builds";
import { startWorkers } from "./start-workers";

// A merge deletes the merged customer's row, and its features and segment memberships with it: the
// survivor must be recomputed from everything it now holds, and after an undo both profiles.
let ingest: IngestFixture;
let workers: ReturnType<typeof startWorkers>;

beforeAll(async () => {
  ingest = await startIngest({ wakeWorker: true });
  workers = startWorkers({ log: () => undefined, schedule: false });
});

afterAll(async () => {
  await workers.close();
  await ingest.close();
  await closeQueues();
});

const customerOf = async (type: "email" | "external_id" | "anonymous_id", value: string) =>
  (await db.identity.findFirst({ where: { type, value }, select: { customerId: true } }))?.customerId ?? null;
const members = async (segmentId: string) =>
  (await db.segmentMember.findMany({ where: { segmentId }, select: { customerId: true } })).map((m) => m.customerId).sort();
const opens90 = async (customerId: number) => (await db.customerFeature.findUnique({ where: { customerId } }))?.opens90 ?? null;
const poll = { timeout: 15_000, interval: 100 };

async function send(path: string, body: Record<string, unknown>): Promise<void> {
  const res = await ingest.send(path, body);
  expect(res.status).toBe(200);
}

describe("features and segment memberships after a merge and its undo", () => {
  it("recomputes the survivor after a merge, and both profiles after the undo; the triggering call's events go back", async () => {
    const readers = await saveSegment({
      input: {
        name: "Opened an email",
        description: "",
        rules: segmentRulesSchema.parse({
          type: "group",
          op: "and",
          children: [{ type: "condition", kind: "feature", feature: "opens_90", op: "gte", value: 1 }],
        }),
      },
      actor: systemActor("system"),
    });
    const buyers = await saveSegment({
      input: {
        name: "Bought",
        description: "",
        rules: segmentRulesSchema.parse({
          type: "group",
          op: "and",
          children: [{ type: "condition", kind: "event", eventType: "Bought", window: { type: "last", amount: 7, unit: "days" } }],
        }),
      },
      actor: systemActor("system"),
    });
    await waitForSegmentBuilds();

    // The older profile: an anonymous visitor who gave an email. The newer: a logged-in user who
    // opened an email and bought.
    await send("/api/v1/identify", { anonymousId: "anon-mr", traits: { email: "mira@example.com" }, messageId: "mr-1" });
    await expect.poll(() => customerOf("anonymous_id", "anon-mr"), poll).not.toBeNull();
    const older = (await customerOf("anonymous_id", "anon-mr"))!;
    await send("/api/v1/track", { userId: "user-mr", event: "email_opened", messageId: "mr-2" });
    await send("/api/v1/track", { userId: "user-mr", event: "Bought", messageId: "mr-3" });
    await expect.poll(() => members(buyers.id), poll).toHaveLength(1);
    const newer = (await customerOf("external_id", "user-mr"))!;
    expect(newer).not.toBe(older);
    await expect.poll(() => members(readers.id), poll).toEqual([newer]);
    expect(await opens90(newer)).toBe(1);

    // The logged-in user gives the same email: the newer profile folds into the older one.
    await send("/api/v1/identify", { userId: "user-mr", traits: { email: "mira@example.com" }, messageId: "mr-4" });
    await expect.poll(() => customerOf("external_id", "user-mr"), poll).toBe(older);
    await expect.poll(() => members(readers.id), poll).toEqual([older]);
    await expect.poll(() => members(buyers.id), poll).toEqual([older]);
    expect(await opens90(older)).toBe(1);
    expect(await db.customerFeature.count({ where: { customerId: newer } })).toBe(0);
    expect((await db.segment.findUniqueOrThrow({ where: { id: readers.id } })).memberCount).toBe(1);
    expect((await db.segment.findUniqueOrThrow({ where: { id: buyers.id } })).memberCount).toBe(1);
    expect((await db.event.findFirstOrThrow({ where: { messageId: "mr-4" } })).customerId).toBe(older);

    // Undo: both come back as they were, the identify call that caused the merge (userId user-mr)
    // with the restored profile, and both are recomputed.
    const merge = await db.customerMerge.findFirstOrThrow({ where: { survivorId: older, mergedId: newer } });
    await undoMerge({ mergeId: merge.id, actor: { id: null, label: "admin@example.com" } });
    expect((await db.event.findFirstOrThrow({ where: { messageId: "mr-4" } })).customerId).toBe(newer);
    expect((await db.event.findFirstOrThrow({ where: { messageId: "mr-1" } })).customerId).toBe(older);
    await expect.poll(() => members(readers.id), poll).toEqual([newer]);
    await expect.poll(() => members(buyers.id), poll).toEqual([newer]);
    await expect.poll(() => opens90(newer), poll).toBe(1);
    expect(await opens90(older)).toBe(0);
    expect((await db.segment.findUniqueOrThrow({ where: { id: readers.id } })).memberCount).toBe(1);

    // Calls after the undo keep to their own profile.
    await send("/api/v1/track", { anonymousId: "anon-mr", event: "Viewed", messageId: "mr-5" });
    await expect.poll(async () => (await db.event.findFirst({ where: { messageId: "mr-5" } }))?.customerId, poll).toBe(older);
  });
});
