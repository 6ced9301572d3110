import { walkSteps, type FlowStep } from "./schemas";

/**
 * What an edit of a flow's steps changes ahead of a person at each step (pure, safe in the browser).
 * Paths never rejoin, so a person at step X reaches exactly: X, the paths below X, and the steps after
 * X in its list with the paths below them. The edit reaches them at the first of these that differs
 * from before: a step whose settings changed, a step added or moved in, or a step removed or moved
 * out (which they will no longer take).
 */

export type StepChange = "changed" | "added" | "moved" | "removed";

/** A step the edit touches, as the confirmation names it. */
export interface StepEdit {
  stepId: string;
  kind: FlowStep["kind"];
  change: StepChange;
}

export interface StepsEditImpact {
  /** People at these steps leave the flow (docs/decisions/127): each removed step with the removed step it belongs under. */
  leaving: { at: string; edit: StepEdit }[];
  /** People at these steps stay and reach an edit ahead of them (or at their step): the first one on their path. */
  reaching: { at: string; edit: StepEdit }[];
}

const children = (step: FlowStep): FlowStep[][] =>
  step.kind === "branch" ? [step.yes, step.no] : step.kind === "wait_for_event" ? [step.happened, step.timedOut] : [];

/** A step's own settings (its paths left out), with keys sorted: equal when nothing but its paths changed. */
function ownSettings(step: FlowStep): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([, x]) => x !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  const own: Record<string, unknown> = { ...step };
  for (const k of ["yes", "no", "happened", "timedOut"]) delete own[k];
  return JSON.stringify(canonical(own));
}

/** For each step, the steps a person at it reaches from there, in path order (itself first). */
function futures(steps: FlowStep[]): Map<string, FlowStep[]> {
  const out = new Map<string, FlowStep[]>();
  const below = (step: FlowStep): FlowStep[] => [step, ...children(step).flatMap((list) => list.flatMap(below))];
  const index = (list: FlowStep[]) =>
    list.forEach((step, i) => {
      out.set(step.id, list.slice(i).flatMap(below));
      children(step).forEach(index);
    });
  index(steps);
  return out;
}

/** The first edit a person at `at` reaches: walking the new path, noting old steps it skipped over. */
function firstEdit(
  before: FlowStep[],
  after: FlowStep[],
  tree: { old: Map<string, FlowStep>; now: Map<string, FlowStep> },
): { id: string; change: StepChange } | null {
  const { old, now } = tree;
  const skipped = (id: string): StepChange => (now.has(id) ? "moved" : "removed");
  const oldIndex = new Map(before.map((s, i) => [s.id, i]));
  const kept = new Set(after.map((s) => s.id));
  let cursor = 0;
  for (const step of after) {
    const i = oldIndex.get(step.id);
    if (i === undefined) return { id: step.id, change: old.has(step.id) ? "moved" : "added" };
    if (i < cursor) return { id: step.id, change: "moved" };
    for (; cursor < i; cursor++) if (!kept.has(before[cursor]!.id)) return { id: before[cursor]!.id, change: skipped(before[cursor]!.id) };
    cursor = i + 1;
    if (ownSettings(old.get(step.id)!) !== ownSettings(step)) return { id: step.id, change: "changed" };
  }
  for (; cursor < before.length; cursor++)
    if (!kept.has(before[cursor]!.id)) return { id: before[cursor]!.id, change: skipped(before[cursor]!.id) };
  return null;
}

/** Where the people at each step of `before` stand once `after` is saved. */
export function stepsEditImpact(before: FlowStep[], after: FlowStep[]): StepsEditImpact {
  const old = new Map([...walkSteps(before)].map(({ step }) => [step.id, step]));
  const now = new Map([...walkSteps(after)].map(({ step }) => [step.id, step]));
  const editOf = (id: string, change: StepChange): StepEdit => ({ stepId: id, kind: (now.get(id) ?? old.get(id))!.kind, change });
  const oldFutures = futures(before);
  const newFutures = futures(after);
  const leaving: StepsEditImpact["leaving"] = [];
  const reaching: StepsEditImpact["reaching"] = [];
  // A removed step's people are named under the outermost removed step (a removed branch, not each step in it).
  const outermost = (list: FlowStep[], removedAbove: string | null) => {
    for (const step of list) {
      const top = removedAbove ?? (now.has(step.id) ? null : step.id);
      if (top) leaving.push({ at: step.id, edit: editOf(top, "removed") });
      children(step).forEach((l) => outermost(l, top));
    }
  };
  outermost(before, null);
  for (const id of old.keys()) {
    if (!now.has(id)) continue;
    const edit = firstEdit(oldFutures.get(id)!, newFutures.get(id)!, { old, now });
    if (edit) reaching.push({ at: id, edit: editOf(edit.id, edit.change) });
  }
  return { leaving, reaching };
}
