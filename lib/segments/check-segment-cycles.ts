import { db } from "../db";
import { AppError } from "../errors";

/**
 * Refuses rules that would make segment `segmentId` contain itself through the segments it uses
 * (directly or through others), and rules using segments that do not exist.
 */
export async function checkSegmentCycles(opts: { segmentId?: string; dependsOn: string[] }): Promise<void> {
  if (opts.dependsOn.length === 0) return;
  const segments = await db.segment.findMany({ select: { id: true, name: true, dependsOn: true } });
  const byId = new Map(segments.map((s) => [s.id, s]));
  for (const id of opts.dependsOn) {
    if (!byId.has(id))
      throw new AppError("unprocessable", `The rules use segment ${id}, which does not exist (deleted?). Remove that condition.`);
  }
  if (!opts.segmentId) return;
  const self = opts.segmentId;
  const selfName = byId.get(self)?.name ?? "this segment";
  // Depth-first search from each used segment, keeping the path for the message.
  const visit = (id: string, path: string[], seen: Set<string>): void => {
    if (id === self) {
      const names = [selfName, ...path.slice(0, -1).map((p) => byId.get(p)?.name ?? p), selfName].map((n) => `“${n}”`);
      throw new AppError("unprocessable", `A segment cannot contain itself: ${names.join(" → ")}. Remove the condition on ${names[1]}.`);
    }
    if (seen.has(id)) return;
    seen.add(id);
    for (const next of byId.get(id)?.dependsOn ?? []) visit(next, [...path, next], seen);
  };
  const seen = new Set<string>();
  for (const id of opts.dependsOn) visit(id, [id], seen);
}
