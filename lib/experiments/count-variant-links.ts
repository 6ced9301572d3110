import { db } from "../db";
import { linksOfVersion } from "../email-tracking/find-tracked-link";
import { parseVariants } from "./campaign-variant";

export interface LinkClicks {
  index: number;
  url: string;
  label: string;
  clicks: number;
  uniqueClicks: number;
}

export interface VariantLinks {
  key: string;
  /** The variant's template (and version). */
  template: string;
  links: LinkClicks[];
}

/**
 * A content test's clicks by link, per variant: each variant sends its own template version, whose
 * links are numbered in that version (link 0 of A is not link 0 of B), so clicks are counted by the
 * clicker's variant in the ledger and labelled from that variant's version. Null for any other
 * campaign (its links are the campaign report's).
 */
export async function countVariantLinks(campaignId: string): Promise<VariantLinks[] | null> {
  const experiment = await db.campaignExperiment.findUnique({
    where: { campaignId },
    select: { dimension: true, variants: true, campaign: { select: { templateVersionId: true } } },
  });
  if (experiment?.dimension !== "content" || !experiment.campaign.templateVersionId) return null;
  const own = experiment.campaign.templateVersionId;
  const variants = parseVariants(experiment.variants).map((v) => ({ key: v.key, versionId: v.templateVersionId ?? own }));
  const versions = await db.emailTemplateVersion.findMany({
    where: { id: { in: variants.map((v) => v.versionId) } },
    select: { id: true, number: true, mjml: true, template: { select: { name: true } } },
  });
  const rows = await db.$queryRaw<{ variant: string; link: number; clicks: number; unique_clicks: number }[]>`
    SELECT s.variant, i.link, count(*)::int AS clicks, count(DISTINCT i.customer_id)::int AS unique_clicks
    FROM email_interactions i JOIN campaign_sends s ON s.campaign_id = i.campaign_id AND s.customer_id = i.customer_id
    WHERE i.campaign_id = ${campaignId} AND i.kind = 'click' AND NOT i.machine AND i.link IS NOT NULL AND s.variant IS NOT NULL
    GROUP BY s.variant, i.link`;
  return variants.map((v) => {
    const version = versions.find((x) => x.id === v.versionId);
    const links = version ? linksOfVersion(version.id, version.mjml) : [];
    return {
      key: v.key,
      template: version ? `${version.template.name} · version ${version.number}` : "Template deleted",
      links: links.map((l) => {
        const row = rows.find((r) => r.variant === v.key && r.link === l.index);
        return { index: l.index, url: l.url, label: l.label, clicks: row?.clicks ?? 0, uniqueClicks: row?.unique_clicks ?? 0 };
      }),
    };
  });
}
