import { z } from "zod";
import { experimentInputSchema } from "../experiments/schemas";

/** Client-safe: the campaign form, the API and the CLI share these. */
export const campaignStatuses = ["draft", "scheduled", "sending", "paused", "finished", "cancelled", "failed"] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];
export const sendStates = ["queued", "sending", "sent", "failed", "skipped", "held"] as const;
export type SendState = (typeof sendStates)[number];
export const skipReasons = ["no_consent", "suppressed", "frequency_cap", "no_address", "cancelled", "render_failed", "holdout"] as const;
export type SkipReason = (typeof skipReasons)[number];

export const skipReasonLabels: Record<SkipReason, string> = {
  no_consent: "without email consent",
  suppressed: "suppressed",
  frequency_cap: "over the frequency cap",
  no_address: "without an address",
  cancelled: "cancelled",
  render_failed: "the template could not be rendered for them",
  holdout: "in the holdout group (sent nothing, to measure the lift)",
};

const address = z.string().trim().max(320).email({ error: "Enter an email address such as news@example.com." });

export const campaignInputSchema = z
  .object({
    name: z.string().trim().min(1, { error: "Give the campaign a name." }).max(200),
    includeSegmentIds: z.array(z.string().min(1)).min(1, { error: "Pick at least one segment to send to." }).max(50),
    excludeSegmentIds: z.array(z.string().min(1)).max(50).default([]),
    templateId: z.string().min(1, { error: "Pick a template." }),
    /** Liquid; empty = the template's own. */
    subject: z.string().max(998).nullish(),
    preheader: z.string().max(998).nullish(),
    senderName: z.string().trim().max(200).default(""),
    senderEmail: z.union([address, z.literal("")]).default(""),
    replyTo: z.union([address, z.literal("")]).default(""),
    scheduleKind: z.enum(["now", "at", "local_hour"]).default("now"),
    scheduledAt: z.coerce.date().nullish(),
    localHour: z.number().int().min(0).max(23).nullish(),
    priority: z.number().int().min(-100).max(100).default(0),
    transactional: z.boolean().default(false),
    sendingAccountId: z.string().min(1).default("default"),
    /** An A/B/n test or a bandit on one part of the message; null: everyone gets the same email. */
    experiment: experimentInputSchema.nullish(),
  })
  .refine((v) => v.scheduleKind === "now" || v.scheduledAt != null, {
    path: ["scheduledAt"],
    error: "Pick the date (and time) to send at.",
  })
  .refine((v) => v.scheduleKind !== "local_hour" || v.localHour != null, {
    path: ["localHour"],
    error: "Pick the local hour (0–23) to send at in each recipient's time zone.",
  })
  .refine((v) => !v.experiment || v.scheduleKind !== "local_hour", {
    path: ["experiment"],
    error: 'An experiment sends at one time for everyone: pick "now" or a date and time, not each recipient\'s local hour.',
  });

export type CampaignInput = z.input<typeof campaignInputSchema>;
export type CampaignValues = z.output<typeof campaignInputSchema>;
