/** Segments ordered so that each comes after the segments it uses (dependency order). */
export function dependencyOrder<T extends { id: string; dependsOn: string[] }>(segments: T[]): T[] {
  const byId = new Map(segments.map((s) => [s.id, s]));
  const done = new Set<string>();
  const out: T[] = [];
  const visit = (s: T, stack: Set<string>) => {
    if (done.has(s.id) || stack.has(s.id)) return;
    stack.add(s.id);
    for (const dep of s.dependsOn) {
      const d = byId.get(dep);
      if (d) visit(d, stack);
    }
    done.add(s.id);
    out.push(s);
  };
  for (const s of segments) visit(s, new Set());
  return out;
}
