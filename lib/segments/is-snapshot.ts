/**
 * A segment of fixed members: its only condition is a saved cluster snapshot (the customers a
 * clustering run put in a cluster), so its members never change. Reads stored rules as they are.
 */
export function isSnapshotRules(rules: unknown): boolean {
  const children = (rules as { children?: unknown } | null)?.children;
  if (!Array.isArray(children) || children.length !== 1) return false;
  const only = children[0] as { type?: unknown; kind?: unknown; live?: unknown };
  return only.type === "condition" && only.kind === "cluster" && only.live !== true;
}
