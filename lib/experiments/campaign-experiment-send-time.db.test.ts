import { describe, expect, it } from "vitest";
import { seedCustomers, testActor } from "../campaigns/campaign-fixtures";
import { fanOutCampaign } from "../campaigns/fan-out-campaign";
import { scheduleCampaign } from "../campaigns/schedule-campaign";
import { db } from "../db";
import { instantOfWallTime } from "../flows/zoned-time";
import { decideCampaignExperiment, type ExperimentLook } from "./decide-campaign-experiment";
import { experimentCampaign, ledger, open, sendOpenChunks, setUpExperimentTests } from "./experiment-fixtures";
import { getExperimentReport } from "./get-experiment-report";
import { sweepExperiments } from "./sweep-experiments";

const setup = setUpExperimentTests({ cap: 2 });

/** `time` on `day` (YYYY-MM-DD) on the wall clock of `zone`, as a moment (Intl, independently of PostgreSQL). */
const wall = (zone: string, day: string, time: string) => instantOfWallTime(zone, Date.parse(`${day}T${time}:00Z`));
const minutes = (at: Date, n: number) => new Date(at.getTime() + n * 60_000);

describe("send-time tests", () => {
  it(
    "send each variant at its own time in each recipient's zone, decide after the last one over the same window after each send, and give the rest the winning time's next occurrence, within the cap",
    { timeout: 120_000 },
    async () => {
      await db.setting.update({ where: { id: 1 }, data: { timeZone: "Europe/London" } });
      const ids = await seedCustomers(60);
      const japan = new Set(ids.slice(40));
      await db.customer.updateMany({ where: { id: { in: [...japan] } }, data: { country: "Japan" } });
      const zoneOf = (customerId: number) => (japan.has(customerId) ? "Asia/Tokyo" : "Europe/London");
      const id = await experimentCampaign(ids, "Spring news", {
        dimension: "send_time",
        metric: "open",
        variants: [
          { key: "A", sendTime: "09:00" },
          { key: "B", sendTime: "18:00" },
        ],
        testPercent: 60,
        method: "fixed",
        waitMinutes: 120,
      });
      await scheduleCampaign({ id, actor: testActor });
      // The campaign starts at 07:00 in London (16:00 in Tokyo) on 2 November.
      const start = new Date("2026-11-02T07:00:00Z");
      expect(await fanOutCampaign({ campaignId: id, now: start })).toMatchObject({ status: "frozen", recipients: 36 });

      const rows = await ledger(id);
      const chunks = await db.campaignChunk.findMany({ where: { campaignId: id } });
      const dueOf = (chunk: number) => chunks.find((c) => c.chunk === chunk)!.dueAt.toISOString();
      const expected: Record<string, Record<string, string>> = {
        // London: today's 09:00 and 18:00. Tokyo: 09:00 has passed (tomorrow's), 18:00 is still to come.
        "Europe/London": { A: wall("Europe/London", "2026-11-02", "09:00").toISOString(), B: "2026-11-02T18:00:00.000Z" },
        "Asia/Tokyo": { A: "2026-11-03T00:00:00.000Z", B: wall("Asia/Tokyo", "2026-11-02", "18:00").toISOString() },
      };
      const test = rows.filter((r) => r.state === "queued");
      expect(test.filter((r) => r.variant === "A")).toHaveLength(18);
      expect(test.filter((r) => r.variant === "B")).toHaveLength(18);
      for (const r of test)
        expect(dueOf(r.chunk), `${r.variant} in ${zoneOf(r.customerId)}`).toBe(expected[zoneOf(r.customerId)]![r.variant!]);
      expect(rows.filter((r) => r.state === "held")).toHaveLength(24);

      await sendOpenChunks(id);
      expect(setup.sink().received).toHaveLength(36);
      const sent = await ledger(id);
      const inVariant = (key: string) => sent.filter((r) => r.variant === key && r.state === "sent");
      // Within two hours of their own send: B 12 of 18 opened, A 2 of 18. Fourteen more of A's opened
      // hours later: outside the window every variant is measured over, so they do not count.
      for (const r of inVariant("B").slice(0, 12)) await open(id, r.customerId, minutes(r.sentAt!, 10));
      for (const r of inVariant("A").slice(0, 2)) await open(id, r.customerId, minutes(r.sentAt!, 10));
      for (const r of inVariant("A").slice(2, 16)) await open(id, r.customerId, minutes(r.sentAt!, 180));

      // The horizon is two hours after the last variant's time (Tokyo's 09:00 on 3 November = 00:00 UTC).
      const deadline = new Date("2026-11-03T02:00:00Z");
      expect(await sweepExperiments({ now: minutes(deadline, -1) })).toEqual({ decided: 0, waves: 0 });
      expect(await db.campaignSend.count({ where: { campaignId: id, state: "held" } })).toBe(24);
      // A held person reaches the frequency cap elsewhere in the meantime: the winner skips them.
      const capped = rows.find((r) => r.state === "held")!.customerId;
      await db.frequencyCapSend.createMany({
        data: [1, 2].map((n) => ({ customerId: capped, sourceType: "campaign", sourceId: `other-${n}` })),
      });
      const decidedAt = minutes(deadline, 1);
      expect(await decideCampaignExperiment({ campaignId: id, now: decidedAt })).toEqual({ status: "winner", winner: "B", released: 24 });
      const look = (await db.campaignExperiment.findUniqueOrThrow({ where: { campaignId: id } })).decision as unknown as ExperimentLook;
      expect(look.deadline).toBe(deadline.toISOString());
      expect(look.variants).toEqual([
        { id: "A", successes: 2, trials: 18 },
        { id: "B", successes: 12, trials: 18 },
      ]);

      // The rest get B's 18:00, the next one after the decision (02:01 UTC = 11:01 in Tokyo) in their own zone.
      const after = await ledger(id);
      const released = after.filter((r) => r.state === "queued");
      expect(released).toHaveLength(24);
      const releasedChunks = await db.campaignChunk.findMany({ where: { campaignId: id, doneAt: null } });
      for (const r of released) {
        expect(r.variant).toBe("B");
        expect(releasedChunks.find((c) => c.chunk === r.chunk)!.dueAt.toISOString()).toBe(
          zoneOf(r.customerId) === "Asia/Tokyo" ? wall("Asia/Tokyo", "2026-11-03", "18:00").toISOString() : "2026-11-03T18:00:00.000Z",
        );
      }
      setup.sink().received.length = 0;
      await sendOpenChunks(id);
      expect(setup.sink().received).toHaveLength(23);
      expect((await ledger(id)).find((r) => r.customerId === capped)).toMatchObject({ state: "skipped", skipReason: "frequency_cap" });

      const report = (await getExperimentReport(id))!;
      expect(report).toMatchObject({ dimension: "send_time", status: "decided", winner: "B", deadline: deadline.toISOString() });
      expect(report.variants.map((v) => v.value)).toEqual(["09:00 in each recipient's time zone", "18:00 in each recipient's time zone"]);
      // The report counts every open (the decision, only those within its window).
      expect(report.variants[0]).toMatchObject({ key: "A", opened: 16 });
    },
  );

  it("keep a variant without a time (A) at the campaign's start", async () => {
    const id = await experimentCampaign(await seedCustomers(10), "Hi", {
      dimension: "send_time",
      variants: [{ key: "A" }, { key: "B", sendTime: "21:30" }],
      testPercent: 100,
      waitMinutes: 60,
    });
    await scheduleCampaign({ id, actor: testActor });
    const start = new Date("2026-11-02T22:00:00Z");
    await fanOutCampaign({ campaignId: id, now: start });
    const rows = await ledger(id);
    const chunks = await db.campaignChunk.findMany({ where: { campaignId: id } });
    for (const r of rows)
      expect(chunks.find((c) => c.chunk === r.chunk)!.dueAt.toISOString()).toBe(
        r.variant === "A" ? start.toISOString() : "2026-11-03T21:30:00.000Z", // UTC: 21:30 has passed today
      );
  });
});
