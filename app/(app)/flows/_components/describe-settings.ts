import type { EventMatch, ExitCriterion, FlowTrigger, Reentry } from "@/lib/flows/schemas";
import { opText } from "@/lib/segments/condition-fields";

/** " (where total is at least 50, coupon exists)" */
const filters = (m: EventMatch) =>
  m.where.length ? ` (where ${m.where.map((w) => `${w.key} ${opText[w.op] ?? w.op} ${w.value ?? ""}`.trim()).join(", ")})` : "";

const segmentName = (names: Record<string, string>, id: string) => (names[id] ? `“${names[id]}”` : "a deleted segment");

/** "does “Added to Cart” (total gte 50)" or "enters the segment “VIP”". */
export function describeTrigger(t: FlowTrigger, names: Record<string, string>): string {
  return t.kind === "event" ? `does “${t.event}”${filters(t)}` : `enters the segment ${segmentName(names, t.segmentId)}`;
}

export function describeReentry(r: Reentry): string {
  if (r.kind === "once") return "once ever";
  if (r.kind === "every_time") return "every time they trigger it (never twice at once)";
  return `at most once per ${r.days} ${r.days === 1 ? "day" : "days"}`;
}

export function describeExit(c: ExitCriterion, names: Record<string, string>): string {
  return c.kind === "left_segment" ? `leave the segment ${segmentName(names, c.segmentId)}` : `do “${c.event}”${filters(c)}`;
}

/** An exit reason of the preview or a run (`exit:<event>`, `left_segment:<id>`) as words. */
export function describeExitReason(reason: string, names: Record<string, string>): string {
  if (reason.startsWith("left_segment:")) return `left the segment ${segmentName(names, reason.slice("left_segment:".length))}`;
  return `did “${reason.replace(/^exit:/, "")}”`;
}
