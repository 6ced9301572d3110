import { describe, expect, it } from "vitest";
import { db } from "../db";
import { mergeProfiles } from "../identity/identity-fixtures";
import { undoMerge } from "../identity/undo-merge";
import { actor, createCustomer, createTemplate, liveFlow, minutes, startOfMinute, tick, track } from "../../test/flow-test-kit";

async function cartFlow(t0: Date): Promise<string> {
  const template = await createTemplate();
  return liveFlow(
    {
      name: `Cart ${t0.getTime()}`,
      trigger: { kind: "event", event: "Added to Cart", where: [] },
      steps: [
        { id: "wait", kind: "wait", duration: { amount: 1, unit: "hours" } },
        { id: "email", kind: "send_email", templateId: template, category: "marketing" },
      ],
    },
    t0,
  );
}

const runsOf = (flowId: string) =>
  db.flowRun.findMany({
    where: { flowId },
    select: { customerId: true, status: true, exitReason: true, stepId: true },
    orderBy: { id: "asc" },
  });

describe("flow runs when two profiles merge", () => {
  it("a person who entered on their anonymous profile continues on the merged one, and is emailed once", async () => {
    const t0 = startOfMinute();
    const flow = await cartFlow(t0);
    const anonymous = await createCustomer();
    const known = await createCustomer({ email: "robin@example.com" });
    await track(anonymous, "Added to Cart", minutes(t0, 1));
    await tick(minutes(t0, 1));
    await mergeProfiles(known, anonymous);
    expect(await runsOf(flow)).toEqual([{ customerId: known, status: "active", exitReason: null, stepId: "wait" }]);
    // Another cart on the merged profile while inside: not a second run.
    await track(known, "Added to Cart", minutes(t0, 2));
    await tick(minutes(t0, 2));
    await tick(minutes(t0, 62));
    expect(await runsOf(flow)).toEqual([{ customerId: known, status: "completed", exitReason: null, stepId: null }]);
    expect(await db.flowMessage.findMany({ where: { flowId: flow }, select: { customerId: true, stepId: true } })).toEqual([
      { customerId: known, stepId: "email" },
    ]);
  });

  it("when both profiles are inside the same flow, the run that entered first continues and the other ends: one email", async () => {
    const t0 = startOfMinute();
    const flow = await cartFlow(t0);
    const anonymous = await createCustomer();
    const known = await createCustomer({ email: "sam@example.com" });
    await track(anonymous, "Added to Cart", minutes(t0, 1));
    await tick(minutes(t0, 1));
    await track(known, "Added to Cart", minutes(t0, 10));
    await tick(minutes(t0, 10));
    const anonymousRun = await db.flowRun.findFirstOrThrow({ where: { flowId: flow, customerId: anonymous }, select: { id: true } });
    const mergeId = await mergeProfiles(known, anonymous);
    const after = await runsOf(flow);
    expect(after).toEqual([
      { customerId: known, status: "active", exitReason: null, stepId: "wait" },
      { customerId: known, status: "exited", exitReason: "merged", stepId: "wait" },
    ]);
    await tick(minutes(t0, 61));
    await tick(minutes(t0, 75));
    expect(await db.flowMessage.count({ where: { flowId: flow } })).toBe(1);
    expect((await db.customerMerge.findUniqueOrThrow({ where: { id: mergeId } })).movedFlowRunIds).toContain(anonymousRun.id);

    // Undo: the run that moved goes back to the restored profile with its email; the ended one stays ended.
    await undoMerge({ mergeId, actor });
    const back = await db.flowRun.findMany({ where: { flowId: flow }, select: { customerId: true, status: true }, orderBy: { id: "asc" } });
    expect(back).toEqual([
      { customerId: anonymous, status: "completed" },
      { customerId: known, status: "exited" },
    ]);
    expect((await db.flowMessage.findFirstOrThrow({ where: { flowId: flow } })).customerId).toBe(anonymous);
  });
});
