import type { Prisma } from "../db";
import { buildFlowGraph, type FlowGraph } from "./flow-graph";
import {
  exitCriterionSchema,
  flowStepSchema,
  flowTriggerSchema,
  reentrySchema,
  type ExitCriterion,
  type FlowStep,
  type FlowTrigger,
  type Reentry,
} from "./schemas";
import { z } from "zod";

export interface LiveFlow {
  id: string;
  status: string;
  version: number;
  activatedAt: Date;
  trigger: FlowTrigger;
  reentry: Reentry;
  exitOn: ExitCriterion[];
  steps: FlowStep[];
  graph: FlowGraph;
}

const stepsSchema = z.array(flowStepSchema);
const exitOnSchema = z.array(exitCriterionSchema);

/** The flows the engine works for (active, and paused ones for exits), parsed; `ids` narrows them. */
export async function loadLiveFlows(opts: { tx: Prisma.TransactionClient; ids?: string[]; statuses?: string[] }): Promise<LiveFlow[]> {
  const rows = await opts.tx.flow.findMany({
    where: { status: { in: opts.statuses ?? ["active", "paused"] }, ...(opts.ids ? { id: { in: opts.ids } } : {}) },
    select: { id: true, status: true, version: true, activatedAt: true, trigger: true, reentry: true, exitOn: true, steps: true },
  });
  return rows.map((row) => {
    const steps = stepsSchema.parse(row.steps);
    return {
      id: row.id,
      status: row.status,
      version: row.version,
      activatedAt: row.activatedAt ?? new Date(0),
      trigger: flowTriggerSchema.parse(row.trigger),
      reentry: reentrySchema.parse(row.reentry),
      exitOn: exitOnSchema.parse(row.exitOn),
      steps,
      graph: buildFlowGraph(steps),
    };
  });
}
