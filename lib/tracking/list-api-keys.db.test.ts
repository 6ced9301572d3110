import { describe, expect, it } from "vitest";
import { trackingCallsCommitter } from "../../test/tracking-calls";
import { systemActor } from "../audit/write-audit-log";
import { db } from "../db";
import { processTrackingEvents } from "../identity/process-tracking-events";
import { createApiKey } from "./create-api-key";
import { listApiKeys } from "./list-api-keys";

const { commit, submit } = trackingCallsCommitter("usage");
let lastMessageId = "";

async function send(apiKeyId: string, count: number, receivedAt: Date): Promise<void> {
  for (let i = 0; i < count; i++) lastMessageId = await commit(apiKeyId, ["track", { userId: `user-${i}`, event: "Viewed" }], receivedAt);
}

const usageOf = async (id: string) => {
  const key = (await listApiKeys()).find((k) => k.id === id)!;
  return { events: key.events, lastUsedAt: key.lastUsedAt };
};

describe("listApiKeys: calls per key without counting the event log", () => {
  it("counts processed calls from the worker's tally and waiting calls as they are, with the last use", async () => {
    const actor = systemActor("system");
    const site = await createApiKey({ input: { label: "Site", kind: "public", source: "website" }, actor });
    const server = await createApiKey({ input: { label: "Server", kind: "secret", source: "backend" }, actor });
    const unused = await createApiKey({ input: { label: "Unused", kind: "secret", source: "other" }, actor });
    const t1 = new Date("2026-03-01T10:00:00.000Z");
    const t2 = new Date("2026-03-01T11:00:00.000Z");
    await send(site.id, 3, t1);
    await send(server.id, 2, t2);
    expect(await usageOf(site.id)).toEqual({ events: 3, lastUsedAt: t1 });

    await processTrackingEvents();
    expect(await db.apiKeyUsage.findUnique({ where: { apiKeyId: site.id } })).toMatchObject({ events: 3n, lastReceivedAt: t1 });
    expect(await usageOf(site.id)).toEqual({ events: 3, lastUsedAt: t1 });
    expect(await usageOf(server.id)).toEqual({ events: 2, lastUsedAt: t2 });

    // Waiting and processed calls add up; a duplicate messageId is not counted twice.
    await send(site.id, 2, t2);
    expect(await submit(site.id, ["track", { userId: "u", event: "Again", messageId: lastMessageId }], t2)).toEqual(["duplicate"]);
    expect(await usageOf(site.id)).toEqual({ events: 5, lastUsedAt: t2 });
    await processTrackingEvents();
    expect(await usageOf(site.id)).toEqual({ events: 5, lastUsedAt: t2 });
    expect(await usageOf(unused.id)).toEqual({ events: 0, lastUsedAt: null });
  });
});
