import { beforeEach, describe, expect, it } from "vitest";
import { actor, createCustomer, createTemplate, liveFlow, minutes, startOfMinute, tick, track } from "../../test/flow-test-kit";
import { db } from "../db";
import { toHttpError } from "../errors";
import { createFlow } from "./create-flow";
import { replaceStep } from "./edit-steps";
import { getFlow } from "./get-flow";
import { previewFlowSettings } from "./preview-flow-settings";
import type { FlowSettings, FlowStep } from "./schemas";
import { setFlowStatus } from "./set-flow-status";
import { updateFlowSettings } from "./update-flow-settings";
import { updateFlowSteps } from "./update-flow-steps";

const runOf = (flowId: string, customerId: number) =>
  db.flowRun.findMany({
    where: { flowId, customerId },
    orderBy: { id: "asc" },
    select: { status: true, stepId: true, exitReason: true, dueAt: true },
  });
const tagsOf = async (id: number) =>
  ((await db.customer.findUniqueOrThrow({ where: { id }, select: { attributes: true } })).attributes as { tags?: string[] }).tags ?? [];
const settingsOf = async (id: string): Promise<FlowSettings> => {
  const { name, description, trigger, reentry, exitOn } = await getFlow(id);
  return { name, description, trigger, reentry, exitOn };
};
const segment = async (name: string) =>
  (await db.segment.create({ data: { name, rules: { type: "group", op: "and", children: [] } }, select: { id: true } })).id;
const transition = (segmentId: string, customerId: number, kind: "enter" | "exit", at: Date) =>
  db.$executeRaw`INSERT INTO segment_transitions (segment_id, customer_id, kind, cause, at) VALUES (${segmentId}, ${customerId}, ${kind}, 'change', ${at})`;

let t0: Date;
beforeEach(() => {
  t0 = startOfMinute();
});

describe("editing a flow's trigger, re-entry and exit criteria with people inside", () => {
  it("a trigger change (property filter, then event) applies to new entries only: people inside stay and finish", async () => {
    const flow = await liveFlow(
      {
        name: "Cart",
        trigger: { kind: "event", event: "Cart Added", where: [] },
        steps: [
          { id: "wait", kind: "wait", duration: { amount: 1, unit: "hours" } },
          { id: "tag", kind: "add_tag", tag: "reminded" },
        ],
      },
      t0,
    );
    const [ann, ben, cal, dee] = await Promise.all([createCustomer(), createCustomer(), createCustomer(), createCustomer()]);
    await track(ann, "Cart Added", minutes(t0, 1), { total: 10 });
    await tick(minutes(t0, 1));
    const [before] = await runOf(flow, ann);

    const settings = await settingsOf(flow);
    const saved = await updateFlowSettings({
      id: flow,
      settings: { ...settings, trigger: { kind: "event", event: "Cart Added", where: [{ key: "total", op: "gte", value: 50 }] } },
      actor,
      now: minutes(t0, 2),
    });
    expect(saved).toMatchObject({ removedRuns: 0, exitedRuns: 0, version: 1 });
    expect(await runOf(flow, ann)).toEqual([before]);

    await track(ben, "Cart Added", minutes(t0, 3), { total: 20 });
    await track(cal, "Cart Added", minutes(t0, 3), { total: 80 });
    await tick(minutes(t0, 3));
    expect(await runOf(flow, ben)).toEqual([]);
    expect((await runOf(flow, cal)).map((r) => r.status)).toEqual(["active"]);

    // Another event: the old one no longer lets anyone in.
    await updateFlowSettings({
      id: flow,
      settings: { ...settings, trigger: { kind: "event", event: "Checkout Started", where: [] } },
      actor,
      now: minutes(t0, 4),
    });
    await track(dee, "Cart Added", minutes(t0, 5), { total: 90 });
    await track(ben, "Checkout Started", minutes(t0, 5));
    await tick(minutes(t0, 5));
    expect(await runOf(flow, dee)).toEqual([]);
    expect((await runOf(flow, ben)).map((r) => r.status)).toEqual(["active"]);

    await tick(minutes(t0, 70));
    for (const c of [ann, ben, cal]) expect(await tagsOf(c)).toEqual(["reminded"]);
    expect((await runOf(flow, ann))[0]!.status).toBe("completed");
  });

  it("a re-entry change applies from the next trigger on; nobody is ever inside twice at once", async () => {
    const flow = await liveFlow(
      {
        name: "Visits",
        trigger: { kind: "event", event: "Visited", where: [] },
        steps: [{ id: "tag", kind: "add_tag", tag: "visited" }],
      },
      t0,
    );
    const ann = await createCustomer();
    const visit = async (at: Date) => {
      await track(ann, "Visited", at);
      await tick(at);
      return (await runOf(flow, ann)).length;
    };
    expect(await visit(minutes(t0, 1))).toBe(1);
    expect(await visit(minutes(t0, 2))).toBe(1); // once ever

    const settings = await settingsOf(flow);
    await updateFlowSettings({ id: flow, settings: { ...settings, reentry: { kind: "once_per_days", days: 1 } }, actor });
    expect(await visit(minutes(t0, 3))).toBe(1); // within a day of the last entry
    expect(await visit(minutes(t0, 24 * 60 + 5))).toBe(2);

    await updateFlowSettings({ id: flow, settings: { ...settings, reentry: { kind: "every_time" } }, actor });
    expect(await visit(minutes(t0, 24 * 60 + 6))).toBe(3);

    // Every time, but never twice at once: a second trigger while inside does not add a run.
    await updateFlowSteps({ id: flow, steps: [{ id: "wait", kind: "wait", duration: { amount: 1, unit: "hours" } }], actor });
    expect(await visit(minutes(t0, 24 * 60 + 7))).toBe(4);
    expect(await visit(minutes(t0, 24 * 60 + 8))).toBe(4);
    expect((await runOf(flow, ann)).filter((r) => r.status === "active")).toHaveLength(1);
  });

  it("a new exit event takes out at once the people inside who did it since they entered (the count the preview gave); later ones on the event", async () => {
    const template = await createTemplate();
    const flow = await liveFlow(
      {
        name: "Abandoned",
        trigger: { kind: "event", event: "Basket Added", where: [] },
        steps: [
          { id: "wait", kind: "wait", duration: { amount: 4, unit: "hours" } },
          { id: "mail", kind: "send_email", templateId: template, category: "marketing" },
        ],
      },
      t0,
    );
    const [ann, ben, cal] = await Promise.all([createCustomer(), createCustomer(), createCustomer()]);
    await track(ben, "Purchase Made", minutes(t0, 0.5), { total: 30 }); // before the trigger: does not count
    for (const c of [ann, ben, cal]) await track(c, "Basket Added", minutes(t0, 1));
    await tick(minutes(t0, 1));
    await track(ann, "Purchase Made", minutes(t0, 2), { total: 30 }); // not an exit criterion yet
    await tick(minutes(t0, 2));
    expect((await runOf(flow, ann))[0]!.status).toBe("active");

    const exitOn: FlowSettings["exitOn"] = [{ kind: "event", event: "Purchase Made", where: [{ key: "total", op: "gt", value: 0 }] }];
    expect(await previewFlowSettings({ id: flow, exitOn })).toEqual({
      inside: 3,
      leaving: [{ reason: "exit:Purchase Made", people: 1 }],
    });
    const saved = await updateFlowSettings({ id: flow, settings: { ...(await settingsOf(flow)), exitOn }, actor, now: minutes(t0, 3) });
    expect(saved.exitedRuns).toBe(1);
    expect(await runOf(flow, ann)).toEqual([{ status: "exited", stepId: "wait", exitReason: "exit:Purchase Made", dueAt: null }]);
    expect((await runOf(flow, ben))[0]!.status).toBe("active");

    // From now on the event takes people out as it happens (the engine listens to it).
    await track(cal, "Purchase Made", minutes(t0, 4), { total: 12 });
    await tick(minutes(t0, 4));
    expect((await runOf(flow, cal))[0]).toMatchObject({ status: "exited", exitReason: "exit:Purchase Made" });
    await tick(minutes(t0, 4 * 60 + 2));
    expect(await db.flowMessage.findMany({ where: { flowId: flow }, select: { customerId: true } })).toEqual([{ customerId: ben }]);

    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: flow, action: "flow.updated" }, orderBy: { id: "desc" } });
    expect(audit.after).toMatchObject({ exitOn, exitedRuns: 1 });
    expect(audit.before).toMatchObject({ exitOn: [] });

    // Saving the same criteria again takes nobody else out.
    expect((await updateFlowSettings({ id: flow, settings: await settingsOf(flow), actor })).exitedRuns).toBe(0);
  });

  it("leaving a segment as an exit: people who left it since they entered (and are not back) leave at save; later leavers on their transition", async () => {
    const vip = await segment("VIP buyers");
    const flow = await liveFlow(
      {
        name: "VIP nurture",
        trigger: { kind: "event", event: "Vip Joined", where: [] },
        steps: [{ id: "wait", kind: "wait", duration: { amount: 1, unit: "days" } }],
      },
      t0,
    );
    const [ann, ben, cal] = await Promise.all([createCustomer(), createCustomer(), createCustomer()]);
    for (const c of [ann, ben, cal]) {
      await db.segmentMember.create({ data: { segmentId: vip, customerId: c } });
      await track(c, "Vip Joined", minutes(t0, 1));
    }
    await tick(minutes(t0, 1));
    await transition(vip, ann, "exit", minutes(t0, 2));
    await db.segmentMember.delete({ where: { segmentId_customerId: { segmentId: vip, customerId: ann } } });
    await transition(vip, ben, "exit", minutes(t0, 2));
    await transition(vip, ben, "enter", minutes(t0, 3)); // back in: stays

    const exitOn: FlowSettings["exitOn"] = [{ kind: "left_segment", segmentId: vip }];
    expect(await previewFlowSettings({ id: flow, exitOn })).toEqual({ inside: 3, leaving: [{ reason: `left_segment:${vip}`, people: 1 }] });
    const saved = await updateFlowSettings({ id: flow, settings: { ...(await settingsOf(flow)), exitOn }, actor, now: minutes(t0, 4) });
    expect(saved.exitedRuns).toBe(1);
    expect((await runOf(flow, ann))[0]).toMatchObject({ status: "exited", exitReason: `left_segment:${vip}` });
    expect((await db.flow.findUniqueOrThrow({ where: { id: flow }, select: { exitSegmentIds: true } })).exitSegmentIds).toEqual([vip]);

    // A later exit from the segment signals the engine, which takes the person out.
    await transition(vip, cal, "exit", minutes(t0, 5));
    await tick(minutes(t0, 5));
    expect((await runOf(flow, cal))[0]).toMatchObject({ status: "exited", exitReason: `left_segment:${vip}` });
    expect((await runOf(flow, ben))[0]!.status).toBe("active");
    expect(await db.flowSignal.count()).toBe(0);
  });

  it("a branch's new rule (a score) applies to people who reach it after the save; those past it keep their path", async () => {
    const rules = (children: object[]) => ({ type: "group" as const, op: "and" as const, children });
    const branch: FlowStep = {
      id: "split",
      kind: "branch",
      condition: {
        kind: "rules",
        rules: rules([{ type: "condition", kind: "attribute", field: "country", custom: false, valueType: "text", op: "eq", value: "GB" }]),
      } as Extract<FlowStep, { kind: "branch" }>["condition"],
      yes: [
        { id: "wait-yes", kind: "wait", duration: { amount: 1, unit: "hours" } },
        { id: "tag-yes", kind: "add_tag", tag: "yes" },
      ],
      no: [
        { id: "wait-no", kind: "wait", duration: { amount: 1, unit: "hours" } },
        { id: "tag-no", kind: "add_tag", tag: "no" },
      ],
    };
    const flow = await liveFlow(
      {
        name: "Branch edit",
        trigger: { kind: "event", event: "Branch Test", where: [] },
        steps: [{ id: "wait-first", kind: "wait", duration: { amount: 1, unit: "hours" } }, branch],
      },
      t0,
    );
    const ann = await createCustomer({ country: "GB" });
    const ben = await createCustomer({ country: "FR" });
    await db.customerScore.create({ data: { customerId: ann, churnProbability: 0.1 } });
    await db.customerScore.create({ data: { customerId: ben, churnProbability: 0.9 } });
    await track(ann, "Branch Test", minutes(t0, 1));
    await tick(minutes(t0, 1));
    await tick(minutes(t0, 62)); // Ann passes the branch (GB: yes) and waits on the yes path
    await track(ben, "Branch Test", minutes(t0, 62));
    await tick(minutes(t0, 62)); // Ben waits before the branch
    expect((await runOf(flow, ann))[0]!.stepId).toBe("wait-yes");
    expect((await runOf(flow, ben))[0]!.stepId).toBe("wait-first");

    const steps = (await getFlow(flow)).steps;
    const edited = replaceStep(steps, {
      ...branch,
      condition: {
        kind: "rules",
        rules: rules([{ type: "condition", kind: "score", score: "churn_probability", op: "gt", value: 0.7 }]),
      } as Extract<FlowStep, { kind: "branch" }>["condition"],
    });
    expect((await updateFlowSteps({ id: flow, steps: edited, actor })).removedRuns).toBe(0);
    await tick(minutes(t0, 125)); // Ann finishes her path; Ben meets the new rule (score 0.9)
    await tick(minutes(t0, 190));
    expect(await tagsOf(ann)).toEqual(["yes"]);
    expect(await tagsOf(ben)).toEqual(["yes"]);
    const outcomes = await db.flowRunStep.findMany({ where: { flowId: flow, stepId: "split" }, select: { outcome: true } });
    expect(outcomes.map((o) => o.outcome)).toEqual(["yes", "yes"]);
  });

  it("refuses what is wrong naming the field, an unknown exit segment, and an archived flow; creates a flow from scratch", async () => {
    const { id } = await createFlow({
      input: { name: "  From scratch ", trigger: { kind: "event", event: "Signed Up", where: [] } },
      actor,
    });
    const created = await getFlow(id);
    expect(created).toMatchObject({ name: "From scratch", status: "draft", steps: [], reentry: { kind: "once" }, exitOn: [] });
    await expect(createFlow({ input: { name: "", trigger: { kind: "event", event: "X", where: [] } }, actor })).rejects.toThrow(
      /Name the flow/,
    );

    const settings = await settingsOf(id);
    const messageOf = async (p: Promise<unknown>) =>
      p.then(
        () => "saved",
        (e: unknown) => toHttpError(e).body.error.message,
      );
    expect(
      await messageOf(updateFlowSettings({ id, settings: { ...settings, trigger: { kind: "event", event: "", where: [] } }, actor })),
    ).toBe("trigger.event: Choose an event");
    expect(await messageOf(updateFlowSettings({ id, settings: { ...settings, reentry: { kind: "once_per_days", days: 0 } }, actor }))).toBe(
      "reentry.days: At least 1 day",
    );
    expect(
      await messageOf(
        updateFlowSettings({
          id,
          settings: { ...settings, exitOn: [{ kind: "event", event: "Bought", where: [{ key: "", op: "eq", value: 1 }] }] },
          actor,
        }),
      ),
    ).toBe("exitOn.0.where.0.key: Choose a property");
    expect(
      await messageOf(updateFlowSettings({ id, settings: { ...settings, exitOn: [{ kind: "left_segment", segmentId: "nope" }] }, actor })),
    ).toMatch(/Segment nope does not exist/);
    expect(await messageOf(updateFlowSettings({ id, settings: { ...settings, name: "Renamed" }, actor }))).toBe("saved");
    expect((await getFlow(id)).name).toBe("Renamed");
    await setFlowStatus({ id, status: "archived", actor });
    expect(await messageOf(updateFlowSettings({ id, settings, actor }))).toMatch(/archived flow cannot be edited/);
  });
});
