import { describe, expect, it } from "vitest";
import { actor, createTemplate, liveFlow, personAt, startOfMinute } from "../../test/flow-test-kit";
import { db } from "../db";
import { previewFlowSteps } from "./preview-flow-steps";
import type { FlowStep } from "./schemas";
import { updateFlowSteps } from "./update-flow-steps";

/** A welcome series: email, wait, a branch (bought?) with a tag on yes and an offer, a wait and a reminder on no. */
function welcome(template: string): FlowStep[] {
  return [
    { id: "hello", kind: "send_email", templateId: template, category: "marketing" },
    { id: "wait-3d", kind: "wait", duration: { amount: 3, unit: "days" } },
    {
      id: "bought",
      kind: "branch",
      condition: { kind: "random", percent: 50 },
      yes: [{ id: "tag-buyer", kind: "add_tag", tag: "buyer" }],
      no: [
        { id: "offer", kind: "send_email", templateId: template, category: "marketing" },
        { id: "wait-2d", kind: "wait", duration: { amount: 2, unit: "days" } },
        { id: "reminder", kind: "send_email", templateId: template, category: "marketing" },
      ],
    },
  ];
}

const at = async (flowId: string, stepId: string, n: number) => {
  for (let i = 0; i < n; i++) await personAt(flowId, stepId);
};

describe("what saving edited steps does to the people inside, counted before the save", () => {
  it("counts who reaches each changed step first, who leaves with a removed step, and who meets no change; the save takes out exactly those counted", async () => {
    const template = await createTemplate();
    const steps = welcome(template);
    const flow = await liveFlow({ name: "Welcome", trigger: { kind: "event", event: "Signed Up", where: [] }, steps }, startOfMinute());
    await at(flow, "hello", 2);
    await at(flow, "wait-3d", 3);
    await at(flow, "tag-buyer", 1);
    await at(flow, "offer", 4);
    await at(flow, "wait-2d", 5);
    await at(flow, "reminder", 1);
    // Someone who has left already is not inside.
    const gone = await personAt(flow, "wait-3d");
    await db.flowRun.updateMany({ where: { flowId: flow, customerId: gone }, data: { status: "completed", activeCustomerId: null } });

    // Nothing changed: everyone inside, nobody reaches an edit.
    expect(await previewFlowSteps({ id: flow, steps })).toEqual({ inside: 16, leaving: [], reaching: [] });

    // The branch's rule changes and the offer (with the wait after it) is removed from the no path.
    const [hello, wait3d, bought] = steps as [FlowStep, FlowStep, Extract<FlowStep, { kind: "branch" }>];
    const edited: FlowStep[] = [hello, wait3d, { ...bought, condition: { kind: "random", percent: 80 }, no: [bought.no[2]!] }];
    const preview = await previewFlowSteps({ id: flow, steps: edited });
    expect(preview).toEqual({
      inside: 16,
      // 2 at the email and 3 at the wait will reach the changed branch first.
      reaching: [{ stepId: "bought", kind: "branch", change: "changed", people: 5 }],
      leaving: [
        { stepId: "wait-2d", kind: "wait", change: "removed", people: 5 },
        { stepId: "offer", kind: "send_email", change: "removed", people: 4 },
      ],
    });

    // A step added before the wait: those at the first email reach it first, those at the wait do not.
    const added: FlowStep = { id: "tag-new", kind: "add_tag", tag: "new" };
    const withTag = await previewFlowSteps({
      id: flow,
      steps: [hello, added, wait3d, { ...bought, condition: { kind: "random", percent: 80 } }],
    });
    expect(withTag.reaching).toEqual([
      { stepId: "bought", kind: "branch", change: "changed", people: 3 },
      { stepId: "tag-new", kind: "add_tag", change: "added", people: 2 },
    ]);
    // Removing the whole branch: those inside it leave under the branch; those before it no longer take it.
    const noBranch = await previewFlowSteps({ id: flow, steps: [hello, wait3d] });
    expect(noBranch).toEqual({
      inside: 16,
      reaching: [{ stepId: "bought", kind: "branch", change: "removed", people: 5 }],
      leaving: [{ stepId: "bought", kind: "branch", change: "removed", people: 11 }],
    });

    const saved = await updateFlowSteps({ id: flow, steps: edited, actor });
    expect(saved.removedRuns).toBe(9);
  });

  it("names the field and the flow it refuses", async () => {
    await expect(previewFlowSteps({ id: "no-such-flow", steps: [] })).rejects.toThrow(/does not exist/);
    await expect(previewFlowSteps({ id: "x", steps: [{ id: "t", kind: "add_tag", tag: "" }] })).rejects.toThrow(/Name the tag/);
  });
});
