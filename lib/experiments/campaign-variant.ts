import { experimentVariantSchema, type ExperimentDimension, type ExperimentVariant } from "./schemas";

/** What a campaign sends by default (its own template version, subject, preheader and sender name). */
export interface VariantSource {
  templateVersionId: string;
  subject: string | null;
  preheader: string | null;
  senderName: string;
}

/** The stored variants of an experiment (JSON), parsed. */
export function parseVariants(json: unknown): ExperimentVariant[] {
  return experimentVariantSchema.array().parse(json);
}

/**
 * What one recipient of `variant` gets: the campaign's own message with the experiment's dimension
 * replaced by the variant's value (an empty value — usually the control, A — keeps the campaign's).
 * No variant (outside experiments, or the winner's "A" with nothing of its own): the campaign as is.
 */
export function variantSource(
  campaign: VariantSource,
  experiment: { dimension: string; variants: ExperimentVariant[] } | null,
  variant: string | null,
): VariantSource {
  const v = experiment && variant ? experiment.variants.find((x) => x.key === variant) : undefined;
  if (!v) return campaign;
  const dimension = experiment!.dimension as ExperimentDimension;
  const text = (value: string | null | undefined) => (value?.trim() ? value : null);
  switch (dimension) {
    case "subject":
      return { ...campaign, subject: text(v.subject) ?? campaign.subject };
    case "preheader":
      return { ...campaign, preheader: text(v.preheader) ?? campaign.preheader };
    case "sender_name":
      return { ...campaign, senderName: text(v.senderName) ?? campaign.senderName };
    case "content":
      return { ...campaign, templateVersionId: v.templateVersionId ?? campaign.templateVersionId };
    case "send_time":
      // The message is the campaign's own; only when it is due changes (assignVariantsSql).
      return campaign;
  }
}
