import { createHash } from "node:crypto";

/**
 * The id a flow email's open pixel and tracked links carry in place of a campaign's id: one per flow
 * and send step, `f_` and 22 characters of a hash (tokens allow 40 characters, and a campaign's cuid
 * never starts with `f_`). The recipient's customer id completes it, as for campaigns; the message
 * itself is found through `flow_messages.tracking_id`.
 */
export function flowTrackingId(flowId: string, stepId: string): string {
  return `f_${createHash("sha256").update(`${flowId}/${stepId}`).digest("base64url").slice(0, 22)}`;
}

export function isFlowTrackingId(id: string): boolean {
  return id.startsWith("f_");
}
