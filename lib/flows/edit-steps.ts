import { walkSteps, type FlowStep } from "./schemas";

/**
 * Edits of a flow's step tree, as the visual editor makes them: pure functions returning a new tree
 * (safe to import in the browser). A path is a list of steps: the top level, or one side of a branch
 * or of a wait for an event.
 */

export type PathSide = "yes" | "no" | "happened" | "timedOut";
/** Where a list of steps sits: the top level (null), or a side of the step `parentId`. */
export type PathRef = { parentId: string; side: PathSide } | null;

export const ADDABLE_KINDS = [
  "wait",
  "send_email",
  "wait_for_event",
  "branch",
  "add_tag",
  "remove_tag",
  "update_attribute",
  "exit",
] as const;
export type AddableKind = (typeof ADDABLE_KINDS)[number];

function mapPaths(steps: FlowStep[], fn: (list: FlowStep[], ref: PathRef) => FlowStep[], ref: PathRef = null): FlowStep[] {
  return fn(steps, ref).map((step) => {
    if (step.kind === "branch")
      return {
        ...step,
        yes: mapPaths(step.yes, fn, { parentId: step.id, side: "yes" }),
        no: mapPaths(step.no, fn, { parentId: step.id, side: "no" }),
      };
    if (step.kind === "wait_for_event")
      return {
        ...step,
        happened: mapPaths(step.happened, fn, { parentId: step.id, side: "happened" }),
        timedOut: mapPaths(step.timedOut, fn, { parentId: step.id, side: "timedOut" }),
      };
    return step;
  });
}

const samePath = (a: PathRef, b: PathRef) => (a === null ? b === null : b !== null && a.parentId === b.parentId && a.side === b.side);

/** Removes a step (and, for a branch or a wait for an event, the paths below it). */
export function removeStep(steps: FlowStep[], id: string): FlowStep[] {
  return mapPaths(steps, (list) => list.filter((s) => s.id !== id));
}

/** Moves a step one place up (-1) or down (+1) within its path; at an end, nothing changes. */
export function moveStep(steps: FlowStep[], id: string, delta: -1 | 1): FlowStep[] {
  return mapPaths(steps, (list) => {
    const i = list.findIndex((s) => s.id === id);
    const j = i + delta;
    if (i < 0 || j < 0 || j >= list.length) return list;
    const next = [...list];
    [next[i], next[j]] = [next[j]!, next[i]!];
    return next;
  });
}

/** Replaces a step by an edited copy with the same id (its paths kept when the edit did not give new ones). */
export function replaceStep(steps: FlowStep[], edited: FlowStep): FlowStep[] {
  return mapPaths(steps, (list) => list.map((s) => (s.id === edited.id ? edited : s)));
}

/** Adds a step at the end of a path. */
export function addStep(steps: FlowStep[], path: PathRef, step: FlowStep): FlowStep[] {
  return mapPaths(steps, (list, ref) => (samePath(ref, path) ? [...list, step] : list));
}

/** A step id not used in the tree yet: the kind and a number. */
export function freshStepId(steps: FlowStep[], kind: string): string {
  const used = new Set([...walkSteps(steps)].map(({ step }) => step.id));
  for (let n = 1; ; n++) {
    const id = `${kind.replace(/_/g, "-")}-${n}`;
    if (!used.has(id)) return id;
  }
}

/** A new step of a kind with sensible defaults, ready to edit. */
export function newStep(steps: FlowStep[], kind: AddableKind, defaults: { templateId?: string; event?: string } = {}): FlowStep {
  const id = freshStepId(steps, kind);
  switch (kind) {
    case "wait":
      return { id, kind, duration: { amount: 1, unit: "days" } };
    case "send_email":
      return { id, kind, templateId: defaults.templateId ?? "", category: "marketing" };
    case "wait_for_event":
      return {
        id,
        kind,
        match: { event: defaults.event ?? "Order Completed", where: [] },
        timeout: { amount: 1, unit: "days" },
        happened: [],
        timedOut: [],
      };
    case "branch":
      return { id, kind, condition: { kind: "random", percent: 50 }, yes: [], no: [] };
    case "add_tag":
    case "remove_tag":
      return { id, kind, tag: "flow" };
    case "update_attribute":
      return { id, kind, name: "flow_status", value: "reached" };
    case "exit":
      return { id, kind };
  }
}

/** The steps of `before` that `after` no longer has: people at them leave the flow when the edit is saved. */
export function removedStepIds(before: FlowStep[], after: FlowStep[]): string[] {
  const kept = new Set([...walkSteps(after)].map(({ step }) => step.id));
  return [...walkSteps(before)].map(({ step }) => step.id).filter((id) => !kept.has(id));
}
