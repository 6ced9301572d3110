/** "cutoff 2026-09-07 · 90-day window" from a run's window. */
export function describeWindow(w: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof w.calibrationEnd === "string") parts.push(`calibration to ${w.calibrationEnd}`);
  if (typeof w.cutoff === "string") parts.push(`cutoff ${w.cutoff}`);
  else parts.push("default cutoff");
  if (typeof w.horizonDays === "number" && w.calibrationEnd === undefined) parts.push(`${w.horizonDays}-day window`);
  if (typeof w.category === "string") parts.push(`category ${w.category}`);
  return parts.join(" · ");
}
