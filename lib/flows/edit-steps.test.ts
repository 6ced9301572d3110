import { describe, expect, it } from "vitest";
import { addStep, moveStep, newStep, removeStep, removedStepIds, replaceStep } from "./edit-steps";
import { flowStepSchema, type FlowStep } from "./schemas";

const tree: FlowStep[] = [
  { id: "wait", kind: "wait", duration: { amount: 4, unit: "hours" } },
  {
    id: "split",
    kind: "branch",
    condition: { kind: "random", percent: 50 },
    yes: [
      { id: "tag-a", kind: "add_tag", tag: "a" },
      { id: "tag-b", kind: "add_tag", tag: "b" },
    ],
    no: [{ id: "bye", kind: "exit" }],
  },
  { id: "mail", kind: "send_email", templateId: "t1", category: "marketing" },
];
const ids = (steps: FlowStep[]) => steps.map((s) => s.id);

describe("editing a flow's steps", () => {
  it("moves a step within its path, also inside a branch, and not past an end", () => {
    expect(ids(moveStep(tree, "mail", -1))).toEqual(["wait", "mail", "split"]);
    expect(ids(moveStep(tree, "wait", -1))).toEqual(["wait", "split", "mail"]);
    const moved = moveStep(tree, "tag-b", -1)[1] as Extract<FlowStep, { kind: "branch" }>;
    expect(ids(moved.yes)).toEqual(["tag-b", "tag-a"]);
  });

  it("removes a step with the paths below it, and says which steps people would leave from", () => {
    const without = removeStep(tree, "split");
    expect(ids(without)).toEqual(["wait", "mail"]);
    expect(removedStepIds(tree, without)).toEqual(["split", "tag-a", "tag-b", "bye"]);
    expect(removedStepIds(tree, moveStep(tree, "mail", -1))).toEqual([]);
  });

  it("edits a step in place and adds new steps with fresh ids at the end of a path", () => {
    const shorter = replaceStep(tree, { id: "wait", kind: "wait", duration: { amount: 20, unit: "seconds" } });
    expect(shorter[0]).toEqual({ id: "wait", kind: "wait", duration: { amount: 20, unit: "seconds" } });
    const tag = newStep(tree, "add_tag");
    const added = addStep(tree, { parentId: "split", side: "no" }, tag);
    expect(ids((added[1] as Extract<FlowStep, { kind: "branch" }>).no)).toEqual(["bye", "add-tag-1"]);
    const wait = newStep(added, "wait");
    expect(ids(addStep(added, null, wait))).toEqual(["wait", "split", "mail", "wait-1"]);
    // Every new step is valid as it comes (a send step only once a template is chosen).
    for (const kind of ["wait", "wait_for_event", "branch", "add_tag", "remove_tag", "update_attribute", "exit"] as const)
      expect(flowStepSchema.safeParse(newStep(tree, kind)).success).toBe(true);
    expect(flowStepSchema.safeParse(newStep(tree, "send_email", { templateId: "t1" })).success).toBe(true);
  });
});
