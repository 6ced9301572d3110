import { db } from "../db";
import { isAppError } from "../errors";
import { customerDisplayName } from "../customers/display-name";
import { parseVariants, variantSource } from "../experiments/campaign-variant";
import { findCurrentVersion } from "../templates/find-current-version";
import { loadContexts } from "../templates/load-contexts";
import { renderEmail } from "../templates/render-email";
import { getCampaign } from "./get-campaign";
import { countAudienceFunnel, mailableCustomerIdsSql, type AudienceFunnel } from "./mailable-audience";
import { pinnableVersion } from "./pinnable-version";
import { prepareCampaignTemplate } from "./prepare-campaign-template";

export interface CampaignPreview {
  customerId: number;
  name: string;
  email: string | null;
  subject: string;
  preheader: string;
  html: string;
  /** Experiments: the variant this preview shows (previews go round the variants). */
  variant?: string;
  /** The render failed for this recipient (they would be skipped as render_failed). */
  error?: string;
}

export interface CampaignReview {
  funnel: AudienceFunnel;
  /** The template version that will be sent (the latest, pinned when the campaign is sent). */
  templateVersion: { id: string; number: number } | null;
  /** Why the campaign cannot be sent as it is (template errors, missing footer or postal address), else null. */
  problem: string | null;
  previews: CampaignPreview[];
}

/**
 * What the review page shows before sending: the audience funnel counted now (the one will-receive
 * function), and the email rendered for a few recipients drawn at random from those who will
 * receive it, with its tracked links, exactly as the sender will render it.
 */
const pick = (s: { templateVersionId: string; subject: string | null; preheader: string | null }) => ({
  templateVersionId: s.templateVersionId,
  subject: s.subject,
  preheader: s.preheader,
});

export async function reviewCampaign(options: { id: string; samples?: number }): Promise<CampaignReview> {
  const c = await getCampaign(options.id);
  const audience = { includeSegmentIds: c.includeSegmentIds, excludeSegmentIds: c.excludeSegmentIds };
  const rank = { campaignId: c.id, priority: c.priority, createdAt: c.createdAt, transactional: c.transactional };
  const funnel = await countAudienceFunnel({ audience, rank });
  let version = c.templateVersion;
  if (!version && c.templateId) {
    try {
      version = await pinnableVersion(c.templateId);
    } catch (e) {
      if (!isAppError(e)) throw e;
      return { funnel, templateVersion: null, problem: e.message, previews: [] };
    }
  }
  if (!version)
    return { funnel, templateVersion: null, problem: "The campaign's template was deleted: pick another template.", previews: [] };
  let template;
  try {
    template = await prepareCampaignTemplate({
      campaignId: c.id,
      templateVersionId: version.id,
      subject: c.subject,
      preheader: c.preheader,
    });
  } catch (e) {
    if (!isAppError(e)) throw e;
    return { funnel, templateVersion: version, problem: e.message, previews: [] };
  }
  // Experiments: one preview per variant at least, each rendered as that variant will be sent.
  const experiment = c.experiment ? { dimension: c.experiment.dimension, variants: parseVariants(c.experiment.variants) } : null;
  const keys: (string | null)[] = experiment ? experiment.variants.map((v) => v.key) : [null];
  const templates = new Map<string | null, typeof template>([[null, template]]);
  if (experiment)
    for (const v of experiment.variants) {
      let variantVersionId: string | null | undefined = null;
      if (experiment.dimension === "content" && v.templateId) variantVersionId = (await findCurrentVersion(v.templateId))?.id;
      const source = variantSource(
        { templateVersionId: version.id, subject: c.subject, preheader: c.preheader, senderName: c.senderName },
        { dimension: experiment.dimension, variants: [{ ...v, templateVersionId: variantVersionId ?? null }] },
        v.key,
      );
      try {
        templates.set(v.key, await prepareCampaignTemplate({ campaignId: c.id, ...pick(source) }));
      } catch (e) {
        if (!isAppError(e)) throw e;
        return { funnel, templateVersion: version, problem: `Variant ${v.key}: ${e.message}`, previews: [] };
      }
    }
  const mailable = await mailableCustomerIdsSql({ audience, rank });
  const sample = await db.$queryRaw<{ customer_id: number }[]>`
    SELECT customer_id FROM (${mailable}) m ORDER BY random() LIMIT ${Math.max(options.samples ?? 3, keys.length)}`;
  const recipients = await loadContexts({ customerIds: sample.map((s) => s.customer_id) });
  const previews: CampaignPreview[] = [];
  for (const [i, r] of recipients.entries()) {
    const variant = keys[i % keys.length]!;
    const who = {
      customerId: r.customerId,
      name: customerDisplayName({
        firstName: r.context.customer.first_name,
        lastName: r.context.customer.last_name,
        email: r.email,
        id: r.customerId,
      }),
      email: r.email,
      ...(variant ? { variant } : {}),
    };
    try {
      previews.push({ ...who, ...(await renderEmail(templates.get(variant)!, r.context)) });
    } catch (e) {
      if (!isAppError(e)) throw e;
      previews.push({ ...who, subject: "", preheader: "", html: "", error: e.message });
    }
  }
  return { funnel, templateVersion: version, problem: null, previews };
}
