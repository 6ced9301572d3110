import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { advanceFlowRuns } from "./advance-flow-runs";
import { actor, createCustomer, createTemplate, liveFlow, minutes, startOfMinute, tick, track } from "../../test/flow-test-kit";
import { processFlowSignals } from "./process-flow-signals";
import { saveFlow } from "./save-flow";
import { setFlowStatus } from "./set-flow-status";

const messagesOf = (flowId: string) =>
  db.flowMessage.findMany({ where: { flowId }, select: { customerId: true, stepId: true }, orderBy: { customerId: "asc" } });
const runsOf = (flowId: string) =>
  db.flowRun.findMany({
    where: { flowId },
    orderBy: [{ customerId: "asc" }, { id: "asc" }],
    select: { customerId: true, status: true, stepId: true, exitReason: true, dueAt: true },
  });

let t0: Date;
let template: string;

beforeEach(async () => {
  t0 = startOfMinute();
  template = await createTemplate();
});

describe("flow engine (controllable clock)", () => {
  it("abandoned cart: the email goes out after the wait, not to someone who bought in between, and only once", async () => {
    const flow = await liveFlow(
      {
        name: "Abandoned cart",
        trigger: { kind: "event", event: "Added to Cart", where: [{ key: "value", op: "gt", value: 10 }] },
        exitOn: [{ event: "Order Completed", where: [] }],
        steps: [
          { id: "wait", kind: "wait", duration: { amount: 4, unit: "hours" } },
          { id: "email", kind: "send_email", templateId: template, category: "marketing" },
        ],
      },
      t0,
    );
    const [ann, ben, cat] = [await createCustomer(), await createCustomer(), await createCustomer()];
    await track(ann, "Added to Cart", minutes(t0, 1), { value: 40 });
    await track(ben, "Added to Cart", minutes(t0, 1), { value: 25 });
    await track(cat, "Added to Cart", minutes(t0, 1), { value: 5 }); // below the filter
    expect((await tick(minutes(t0, 1))).entered).toBe(2);
    expect((await runsOf(flow)).map((r) => [r.customerId, r.stepId, r.dueAt?.getTime()])).toEqual([
      [ann, "wait", minutes(t0, 241).getTime()],
      [ben, "wait", minutes(t0, 241).getTime()],
    ]);
    await track(ben, "Order Completed", minutes(t0, 60));
    expect((await tick(minutes(t0, 60))).exited).toBe(1);
    await tick(minutes(t0, 240));
    expect(await messagesOf(flow)).toEqual([]);
    await tick(minutes(t0, 241));
    await tick(minutes(t0, 242));
    expect(await messagesOf(flow)).toEqual([{ customerId: ann, stepId: "email" }]);
    expect((await runsOf(flow)).map((r) => [r.customerId, r.status, r.exitReason])).toEqual([
      [ann, "completed", null],
      [ben, "exited", "exit:Order Completed"],
    ]);
    const steps = await db.flowRunStep.findMany({
      where: { flowId: flow },
      select: { stepId: true, outcome: true },
      orderBy: [{ runId: "asc" }, { startedAt: "asc" }],
    });
    expect(steps).toEqual([
      { stepId: "wait", outcome: "done" },
      { stepId: "email", outcome: "sent" },
      { stepId: "wait", outcome: null },
    ]);
  });

  it("wait for an event with a timeout: the event leads one way, the timeout the other", async () => {
    const flow = await liveFlow(
      {
        name: "Browse follow-up",
        trigger: { kind: "event", event: "Product Viewed", where: [] },
        steps: [
          {
            id: "await-order",
            kind: "wait_for_event",
            match: { event: "Order Completed", where: [] },
            timeout: { amount: 2, unit: "hours" },
            happened: [{ id: "tag-buyer", kind: "add_tag", tag: "buyer" }],
            timedOut: [{ id: "nudge", kind: "send_email", templateId: template, category: "marketing" }],
          },
        ],
      },
      t0,
    );
    const [ann, ben, cat] = [await createCustomer(), await createCustomer(), await createCustomer({ attributes: { tags: ["vip"] } })];
    for (const c of [ann, ben, cat]) await track(c, "Product Viewed", minutes(t0, 1));
    // Cat orders in the same batch as her view: the wait finds the order when it starts.
    await track(cat, "Order Completed", minutes(t0, 2));
    await tick(minutes(t0, 2));
    await track(ann, "Order Completed", minutes(t0, 30));
    await tick(minutes(t0, 30));
    await tick(minutes(t0, 30));
    await tick(minutes(t0, 121));
    expect(await messagesOf(flow)).toEqual([]);
    await tick(minutes(t0, 122)); // two hours after the wait began
    expect(await messagesOf(flow)).toEqual([{ customerId: ben, stepId: "nudge" }]);
    const tags = await db.customer.findMany({
      where: { id: { in: [ann, ben, cat] } },
      orderBy: { id: "asc" },
      select: { attributes: true },
    });
    expect(tags.map((t) => (t.attributes as { tags?: string[] }).tags ?? [])).toEqual([["buyer"], [], ["buyer", "vip"]]);
    expect((await runsOf(flow)).every((r) => r.status === "completed")).toBe(true);
  });

  it("re-entry: once ever, every time (never twice at once), once per N days", async () => {
    const steps = [{ id: "w", kind: "wait" as const, duration: { amount: 10, unit: "minutes" as const } }];
    const trigger = { kind: "event" as const, event: "Visited", where: [] };
    const once = await liveFlow({ name: "once", trigger, steps, reentry: { kind: "once" } }, t0);
    const every = await liveFlow({ name: "every", trigger, steps, reentry: { kind: "every_time" } }, t0);
    const weekly = await liveFlow({ name: "weekly", trigger, steps, reentry: { kind: "once_per_days", days: 7 } }, t0);
    const ann = await createCustomer();
    await track(ann, "Visited", minutes(t0, 1));
    await track(ann, "Visited", minutes(t0, 2));
    await tick(minutes(t0, 2));
    await track(ann, "Visited", minutes(t0, 5)); // while inside every flow
    await tick(minutes(t0, 5));
    await tick(minutes(t0, 20)); // all runs complete
    await track(ann, "Visited", minutes(t0, 30));
    await tick(minutes(t0, 30));
    await tick(minutes(t0, 60));
    await track(ann, "Visited", minutes(t0, 8 * 24 * 60));
    await tick(minutes(t0, 8 * 24 * 60));
    expect((await runsOf(once)).length).toBe(1);
    expect((await runsOf(every)).length).toBe(3);
    expect((await runsOf(weekly)).length).toBe(2);
    // The unique key itself refuses a second active run.
    const active = await db.flowRun.findFirstOrThrow({ where: { flowId: every, status: "active" } });
    await expect(
      db.flowRun.create({
        data: { flowId: every, customerId: ann, activeCustomerId: ann, triggeredAt: t0, flowVersion: 1 },
      }),
    ).rejects.toThrow(/Unique constraint/);
    expect(active.customerId).toBe(ann);
  });

  it("pause holds people where they are; resume moves them on; nobody enters while paused", async () => {
    const flow = await liveFlow(
      {
        name: "Welcome",
        trigger: { kind: "event", event: "Signed Up", where: [] },
        steps: [
          { id: "w", kind: "wait", duration: { amount: 1, unit: "hours" } },
          { id: "hello", kind: "send_email", templateId: template, category: "marketing" },
        ],
      },
      t0,
    );
    const [ann, ben] = [await createCustomer(), await createCustomer()];
    await track(ann, "Signed Up", minutes(t0, 1));
    await tick(minutes(t0, 1));
    await setFlowStatus({ id: flow, status: "paused", actor });
    await track(ben, "Signed Up", minutes(t0, 10));
    await tick(minutes(t0, 90));
    expect(await messagesOf(flow)).toEqual([]);
    expect((await runsOf(flow)).map((r) => [r.customerId, r.stepId])).toEqual([[ann, "w"]]);
    await setFlowStatus({ id: flow, status: "active", actor });
    await tick(minutes(t0, 91));
    expect(await messagesOf(flow)).toEqual([{ customerId: ann, stepId: "hello" }]);
  });

  it("an edit keeps people at steps that remain (with their due time) and takes out those whose step was removed", async () => {
    const trigger = { kind: "event" as const, event: "Signed Up", where: [] };
    const flow = await liveFlow(
      {
        name: "Series",
        trigger,
        steps: [
          { id: "w1", kind: "wait", duration: { amount: 1, unit: "hours" } },
          { id: "w2", kind: "wait", duration: { amount: 1, unit: "days" } },
          { id: "end", kind: "send_email", templateId: template, category: "marketing" },
        ],
      },
      t0,
    );
    const [ann, ben] = [await createCustomer(), await createCustomer()];
    await track(ann, "Signed Up", minutes(t0, 1));
    await tick(minutes(t0, 1));
    await tick(minutes(t0, 61)); // ann moves to w2
    await track(ben, "Signed Up", minutes(t0, 62));
    await tick(minutes(t0, 62)); // ben waits at w1
    const { removedRuns, version } = await saveFlow({
      id: flow,
      input: {
        name: "Series",
        description: "",
        trigger,
        reentry: { kind: "once" },
        exitOn: [],
        steps: [
          { id: "w1", kind: "wait", duration: { amount: 3, unit: "hours" } },
          { id: "end", kind: "send_email", templateId: template, category: "marketing" },
        ],
      },
      actor,
    });
    expect({ removedRuns, version }).toEqual({ removedRuns: 1, version: 2 });
    await tick(minutes(t0, 122)); // ben's wait kept its original due time (1 hour after he arrived)
    expect(await messagesOf(flow)).toEqual([{ customerId: ben, stepId: "end" }]);
    expect((await runsOf(flow)).map((r) => [r.customerId, r.status, r.exitReason])).toEqual([
      [ann, "exited", "step_removed"],
      [ben, "completed", null],
    ]);
  });

  it("branches on rules, segments and a random split; waits until a time of day in the person's zone", async () => {
    const segment = await db.segment.create({
      data: { name: "VIP", rules: { type: "group", op: "and", children: [] } },
      select: { id: true },
    });
    const flow = await liveFlow(
      {
        name: "Branches",
        trigger: { kind: "event", event: "Joined", where: [] },
        steps: [
          {
            id: "uk",
            kind: "branch",
            condition: {
              kind: "rules",
              rules: {
                type: "group",
                op: "and",
                children: [
                  { type: "condition", kind: "attribute", field: "country", custom: false, valueType: "text", op: "eq", value: "GB" },
                ],
              },
            },
            yes: [
              {
                id: "vip",
                kind: "branch",
                condition: { kind: "segment", segmentId: segment.id },
                yes: [{ id: "tag-vip", kind: "add_tag", tag: "uk-vip" }],
                no: [{ id: "tag-uk", kind: "add_tag", tag: "uk" }],
              },
            ],
            no: [
              { id: "morning", kind: "wait_until_time", hour: 9, minute: 0 },
              {
                id: "split",
                kind: "branch",
                condition: { kind: "random", percent: 50 },
                yes: [{ id: "a", kind: "update_attribute", name: "variant", value: "a" }],
                no: [{ id: "b", kind: "update_attribute", name: "variant", value: "b" }],
              },
            ],
          },
        ],
      },
      t0,
    );
    const uk = await createCustomer({ country: "GB" });
    const ukVip = await createCustomer({ country: "GB" });
    await db.segmentMember.create({ data: { segmentId: segment.id, customerId: ukVip } });
    const ny = await createCustomer({ country: "US", attributes: { timezone: "America/New_York" } });
    const others = await Promise.all(Array.from({ length: 200 }, () => createCustomer({ country: "FR" })));
    for (const c of [uk, ukVip, ny, ...others]) await track(c, "Joined", minutes(t0, 1));
    await tick(minutes(t0, 1));
    const attrs = async (id: number) =>
      (await db.customer.findUniqueOrThrow({ where: { id }, select: { attributes: true } })).attributes as Record<string, unknown>;
    expect((await attrs(uk)).tags).toEqual(["uk"]);
    expect((await attrs(ukVip)).tags).toEqual(["uk-vip"]);
    const nyRun = await db.flowRun.findFirstOrThrow({ where: { flowId: flow, customerId: ny } });
    expect(nyRun.stepId).toBe("morning");
    const nyLocal = new Intl.DateTimeFormat("en-GB", {
      timeZone: "America/New_York",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(nyRun.dueAt!);
    expect(nyLocal).toBe("09:00");
    expect(nyRun.dueAt!.getTime() - minutes(t0, 1).getTime()).toBeLessThanOrEqual(24 * 3600_000);
    await tick(new Date(t0.getTime() + 2 * 86_400_000));
    const variants = await Promise.all(others.map(async (c) => (await attrs(c)).variant));
    const a = variants.filter((v) => v === "a").length;
    expect(a + variants.filter((v) => v === "b").length).toBe(200);
    expect(a).toBeGreaterThan(70);
    expect(a).toBeLessThan(130);
  });

  it("a segment entry triggers a flow; two workers at once never run a step twice", async () => {
    const segment = await db.segment.create({
      data: { name: "Lapsed", rules: { type: "group", op: "and", children: [] } },
      select: { id: true },
    });
    const flow = await liveFlow(
      {
        name: "Win-back",
        trigger: { kind: "segment", segmentId: segment.id },
        steps: [{ id: "winback", kind: "send_email", templateId: template, category: "marketing" }],
      },
      t0,
    );
    const people = await Promise.all(Array.from({ length: 300 }, () => createCustomer()));
    await db.$executeRaw`
      INSERT INTO segment_transitions (segment_id, customer_id, kind, cause, at)
      SELECT ${segment.id}, unnest(${people}::int[]), 'enter', 'change', ${minutes(t0, 1)}`;
    await processFlowSignals({ now: minutes(t0, 1) });
    await Promise.all([1, 2, 3].map(() => advanceFlowRuns({ now: minutes(t0, 1), limit: 120 })));
    await advanceFlowRuns({ now: minutes(t0, 1) });
    const messages = await messagesOf(flow);
    expect(messages.length).toBe(300);
    expect(new Set(messages.map((m) => m.customerId)).size).toBe(300);
  });
});
