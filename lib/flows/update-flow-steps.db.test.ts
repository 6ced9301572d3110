import { describe, expect, it } from "vitest";
import { db } from "../db";
import { actor, createCustomer, liveFlow, minutes, startOfMinute, tick, track } from "../../test/flow-test-kit";
import type { FlowStep } from "./schemas";
import { setFlowStatus } from "./set-flow-status";
import { updateFlowSteps } from "./update-flow-steps";

const stepsTaken = async (flowId: string) =>
  (await db.flowRunStep.findMany({ where: { flowId }, orderBy: { startedAt: "asc" }, select: { stepId: true } })).map((s) => s.stepId);

describe("editing the steps of a live flow (the visual editor's save)", () => {
  it("people inside stay at their step and continue along the new order; a step added before them is not taken; removed steps take people out", async () => {
    const t0 = startOfMinute();
    const wait: FlowStep = { id: "wait", kind: "wait", duration: { amount: 1, unit: "hours" } };
    const tagA: FlowStep = { id: "tag-a", kind: "add_tag", tag: "a" };
    const tagB: FlowStep = { id: "tag-b", kind: "add_tag", tag: "b" };
    const flow = await liveFlow({ name: "Edited", trigger: { kind: "event", event: "Joined", where: [] }, steps: [wait, tagA, tagB] }, t0);
    const ann = await createCustomer();
    await track(ann, "Joined", minutes(t0, 1));
    await tick(minutes(t0, 1));

    // Reordered (b before a), a step added before the wait, the wait shortened: Ann keeps her due time.
    const early: FlowStep = { id: "tag-early", kind: "add_tag", tag: "early" };
    const saved = await updateFlowSteps({
      id: flow,
      steps: [early, { ...wait, duration: { amount: 5, unit: "minutes" } }, tagB, tagA],
      actor,
    });
    expect(saved.removedRuns).toBe(0);
    await tick(minutes(t0, 10));
    expect(await db.flowRun.findFirstOrThrow({ where: { flowId: flow }, select: { status: true } })).toEqual({ status: "active" });
    await tick(minutes(t0, 61));
    expect(await stepsTaken(flow)).toEqual(["wait", "tag-b", "tag-a"]);

    // A person waiting at a step that is removed leaves the flow.
    const ben = await createCustomer();
    await track(ben, "Joined", minutes(t0, 62));
    await tick(minutes(t0, 62));
    const removed = await updateFlowSteps({ id: flow, steps: [tagB, tagA], actor });
    expect(removed.removedRuns).toBe(1);
    expect(
      await db.flowRun.findFirstOrThrow({ where: { flowId: flow, customerId: ben }, select: { status: true, exitReason: true } }),
    ).toEqual({ status: "exited", exitReason: "step_removed" });
  });

  it("refuses to edit an archived flow, and a step without a template", async () => {
    const t0 = new Date();
    const tag: FlowStep = { id: "tag", kind: "add_tag", tag: "t" };
    const flow = await liveFlow({ name: "Old", trigger: { kind: "event", event: "Joined", where: [] }, steps: [tag] }, t0);
    await expect(updateFlowSteps({ id: flow, steps: [], actor })).rejects.toThrow(/needs at least one step/);
    await expect(
      updateFlowSteps({ id: flow, steps: [{ id: "mail", kind: "send_email", templateId: "", category: "marketing" }], actor }),
    ).rejects.toThrow(/Choose a template/);
    await setFlowStatus({ id: flow, status: "archived", actor });
    await expect(updateFlowSteps({ id: flow, steps: [], actor })).rejects.toThrow(/archived flow cannot be edited/);
  });
});
