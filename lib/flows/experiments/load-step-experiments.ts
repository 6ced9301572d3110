import { db } from "../../db";
import type { StepExperiment } from "./schemas";
import { parseDefinition } from "./step-experiment-row";

/** The setups the claimed messages were assigned under, by id (a message renders its variant as set up then). */
export async function loadStepExperiments(rows: { experimentId: bigint | null }[]): Promise<Map<bigint, StepExperiment>> {
  const ids = [...new Set(rows.flatMap((r) => (r.experimentId === null ? [] : [r.experimentId.toString()])))];
  if (!ids.length) return new Map();
  const found = await db.flowStepExperiment.findMany({ where: { id: { in: ids.map(BigInt) } }, select: { id: true, definition: true } });
  return new Map(found.map((e) => [e.id, parseDefinition(e.definition)]));
}
