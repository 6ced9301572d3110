import { describe, expect, it } from "vitest";
import type { FlowStep } from "./schemas";
import { stepsEditImpact } from "./steps-edit-impact";

const tag = (id: string, t = id): FlowStep => ({ id, kind: "add_tag", tag: t });
const wait = (id: string, amount = 1): FlowStep => ({ id, kind: "wait", duration: { amount, unit: "hours" } });

describe("which edit a person at each step reaches first", () => {
  it("a reorder, a changed wait and an unchanged tail", () => {
    const before = [wait("w1"), tag("a"), tag("b"), wait("w2"), tag("c")];
    // a and b swap; w2 gets longer; c stays as it was.
    const after = [wait("w1"), tag("b"), tag("a"), wait("w2", 5), tag("c")];
    const impact = stepsEditImpact(before, after);
    expect(impact.leaving).toEqual([]);
    expect(Object.fromEntries(impact.reaching.map((r) => [r.at, `${r.edit.change} ${r.edit.stepId}`]))).toEqual({
      // At w1: b now comes first, then a, which they meet later than before.
      w1: "moved a",
      // At a: b moved before them, so they will not take it.
      a: "moved b",
      // At b: a moved after them, so they will take it.
      b: "moved a",
      w2: "changed w2",
    });
  });

  it("a wait for an event: people waiting at it reach edits on either path; a path removed with its steps", () => {
    const before: FlowStep[] = [
      {
        id: "bought",
        kind: "wait_for_event",
        match: { event: "Order Completed", where: [] },
        timeout: { amount: 4, unit: "hours" },
        happened: [tag("thanks")],
        timedOut: [tag("remind"), wait("later"), tag("last")],
      },
    ];
    const after: FlowStep[] = [{ ...before[0]!, timedOut: [tag("remind")] } as FlowStep];
    const impact = stepsEditImpact(before, after);
    expect(impact.leaving.map((l) => [l.at, l.edit.stepId])).toEqual([
      ["later", "later"],
      ["last", "last"],
    ]);
    expect(impact.reaching.map((r) => [r.at, r.edit.change, r.edit.stepId])).toEqual([
      ["bought", "removed", "later"],
      ["remind", "removed", "later"],
    ]);
    // Settings compared whatever the key order (the stored document's jsonb order differs from the editor's).
    const reordered = JSON.parse(JSON.stringify(before[0], Object.keys(before[0]!).reverse())) as FlowStep;
    expect(stepsEditImpact(before, [{ ...reordered, ...before[0]! }]).reaching).toEqual([]);
  });
});
