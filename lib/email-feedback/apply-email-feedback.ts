import { systemActor } from "../audit/write-audit-log";
import { addSuppression } from "../consent/add-suppression";
import { db } from "../db";
import type { EmailFeedback, FeedbackProvider } from "./feedback";

const interactionKind = { hard_bounce: "bounce", soft_bounce: "soft_bounce", complaint: "complaint" } as const;

/**
 * Acts on authenticated notifications: a hard bounce or a complaint puts the address on the
 * suppression list with that reason, the provider as its source and the provider's words as its
 * note (an address already there keeps its first reason). Soft bounces change nothing. A
 * notification naming the Message-ID of a campaign's message is also counted in that campaign's
 * report, and one of a flow's message on its flow step.
 */
export async function applyEmailFeedback(options: {
  provider: FeedbackProvider;
  feedback: EmailFeedback[];
}): Promise<{ received: number; suppressed: number }> {
  let suppressed = 0;
  for (const f of options.feedback) {
    // The campaign's report counts it when the provider names the message Tailor sent.
    if (f.messageId)
      await db.$executeRaw`
        INSERT INTO email_interactions (campaign_id, customer_id, kind, detail, occurred_at)
        SELECT campaign_id, customer_id, ${interactionKind[f.kind]}, ${f.detail.slice(0, 1000)}, ${f.occurredAt}
        FROM campaign_sends WHERE message_id = ${f.messageId} LIMIT 1`;
    // A flow's message (`<flow-<row id>@…>`): counted on its flow step.
    const flowMessage = f.messageId ? /^<flow-(\d{1,18})@/.exec(f.messageId)?.[1] : undefined;
    if (flowMessage)
      await db.$executeRaw`
        INSERT INTO email_interactions (flow_id, flow_step_id, customer_id, kind, detail, occurred_at)
        SELECT flow_id, step_id, customer_id, ${interactionKind[f.kind]}, ${f.detail.slice(0, 1000)}, ${f.occurredAt}
        FROM flow_messages WHERE id = ${flowMessage}::bigint AND message_id = ${f.messageId}`;
    if (f.kind === "soft_bounce") continue;
    const { created } = await addSuppression({
      email: f.email,
      reason: f.kind === "complaint" ? "complaint" : "hard_bounce",
      source: `${options.provider} webhook`,
      note: [f.detail, f.messageId ? `Message-ID ${f.messageId}` : ""].filter(Boolean).join(" · ").slice(0, 1000),
      actor: systemActor("system"),
    });
    if (created) suppressed += 1;
  }
  return { received: options.feedback.length, suppressed };
}
