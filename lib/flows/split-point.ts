/**
 * A stable number in [0, 1) for (run, salt): a random split (a branch, an experiment's variant or
 * holdout) that gives a run the same answer on every try.
 */
export function splitPoint(runId: bigint, stepId: string): number {
  let h = 2166136261;
  for (const ch of `${runId}:${stepId}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  h = Math.imul(h ^ (h >>> 15), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}
