import { walkSteps, type FlowStep } from "./schemas";

/** How a step ended; decides which step comes next. */
export type StepOutcome = "done" | "yes" | "no" | "happened" | "timed_out" | "sent" | "skipped";

export interface FlowGraph {
  /** The first step, or null for a flow without steps. */
  first: string | null;
  step(id: string): FlowStep | undefined;
  /** The step after `id` given its outcome; null when the path ends (the run completes). */
  next(id: string, outcome: StepOutcome): string | null;
  ids: string[];
}

/**
 * The step tree as a graph: a step is followed by the next one in its list; a branch's outcome
 * leads into its yes/no (or happened/timed-out) path. Paths never rejoin: the end of any path ends the run.
 */
export function buildFlowGraph(steps: FlowStep[]): FlowGraph {
  const byId = new Map<string, { step: FlowStep; after: string | null }>();
  const index = (list: FlowStep[]) =>
    list.forEach((step, i) => {
      byId.set(step.id, { step, after: list[i + 1]?.id ?? null });
    });
  index(steps);
  for (const { step } of walkSteps(steps)) {
    if (step.kind === "branch") {
      index(step.yes);
      index(step.no);
    } else if (step.kind === "wait_for_event") {
      index(step.happened);
      index(step.timedOut);
    }
  }
  return {
    first: steps[0]?.id ?? null,
    ids: [...byId.keys()],
    step: (id) => byId.get(id)?.step,
    next(id, outcome) {
      const entry = byId.get(id);
      if (!entry) return null;
      const { step } = entry;
      if (step.kind === "exit") return null;
      if (step.kind === "branch") return (outcome === "yes" ? step.yes : step.no)[0]?.id ?? null;
      if (step.kind === "wait_for_event") return (outcome === "happened" ? step.happened : step.timedOut)[0]?.id ?? null;
      return entry.after;
    },
  };
}
