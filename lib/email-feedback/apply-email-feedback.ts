import { systemActor } from "../audit/write-audit-log";
import { addSuppression } from "../consent/add-suppression";
import type { EmailFeedback, FeedbackProvider } from "./feedback";

/**
 * Acts on authenticated notifications: a hard bounce or a complaint puts the address on the
 * suppression list with that reason, the provider as its source and the provider's words as its
 * note (an address already there keeps its first reason). Soft bounces change nothing.
 */
export async function applyEmailFeedback(options: {
  provider: FeedbackProvider;
  feedback: EmailFeedback[];
}): Promise<{ received: number; suppressed: number }> {
  let suppressed = 0;
  for (const f of options.feedback) {
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
