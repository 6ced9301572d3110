import { db } from "../db";
import { getSettings } from "../settings/get-settings";
import { parseVariants } from "./campaign-variant";
import { countVariantLinks, type VariantLinks } from "./count-variant-links";
import { countVariantResults } from "./count-variant-results";
import type { ExperimentLook } from "./decide-campaign-experiment";
import { testDeadline } from "./test-deadline";
import { type ExperimentDimension, type ExperimentMetric, type ExperimentMode, type ExperimentStatus, type WinnerMethod } from "./schemas";
import { variantTable, type VariantTable } from "./variant-table";

export interface ExperimentReport extends VariantTable {
  mode: ExperimentMode;
  dimension: ExperimentDimension;
  metric: ExperimentMetric;
  method: WinnerMethod;
  alpha: number;
  testPercent: number;
  holdoutPercent: number;
  waitMinutes: number;
  status: ExperimentStatus;
  winner: string | null;
  decidedAt: Date | null;
  /** Test mode: when the horizon is reached (the test's start — a send-time test's last variant — + wait); null before sending. */
  deadline: string | null;
  /** The latest look's verdict ("Waiting for the deadline", "B beats every other variant", …). */
  reason: string | null;
  /** Held rows sent the winner. */
  released: number | null;
  currency: string;
  attributionDays: number;
  /** Content tests: clicks by link per variant (each variant's own template version and links). */
  linksByVariant: VariantLinks[] | null;
  /** Bandits: each wave's allocation. */
  allocations: { wave: number; at: string; recipients: number; shares: Record<string, number> }[];
}

/** A campaign's experiment for its report (null when it has none): each variant's figures, intervals, the lift over the holdout and the decision. */
export async function getExperimentReport(campaignId: string): Promise<ExperimentReport | null> {
  const experiment = await db.campaignExperiment.findUnique({
    where: { campaignId },
    include: {
      campaign: { select: { subject: true, preheader: true, senderName: true, startedAt: true, template: { select: { name: true } } } },
      allocations: { orderBy: { wave: "asc" } },
    },
  });
  if (!experiment) return null;
  const { attributionDays, currency } = await getSettings();
  const counts = await countVariantResults({ campaignId, attributionDays });
  const metric = experiment.metric as ExperimentMetric;
  const dimension = experiment.dimension as ExperimentDimension;
  const variants = parseVariants(experiment.variants);
  const templateIds = variants.map((v) => v.templateId).filter((id): id is string => !!id);
  const templates = templateIds.length
    ? await db.emailTemplate.findMany({ where: { id: { in: templateIds } }, select: { id: true, name: true } })
    : [];
  const c = experiment.campaign;
  const own: Record<ExperimentDimension, string> = {
    subject: c.subject ?? "the template's subject",
    preheader: c.preheader ?? "the template's preheader",
    content: c.template?.name ?? "the campaign's template",
    sender_name: c.senderName || "the default sender name",
    send_time: "when the campaign starts",
  };
  const valueOf = (v: (typeof variants)[number]) => {
    const mine = {
      subject: v.subject,
      preheader: v.preheader,
      sender_name: v.senderName,
      content: templates.find((t) => t.id === v.templateId)?.name,
      send_time: v.sendTime ? `${v.sendTime} in each recipient's time zone` : null,
    }[dimension];
    return mine?.trim() ? mine : own[dimension];
  };
  const table = variantTable({
    metric,
    variants: variants.map((v) => ({ key: v.key, value: valueOf(v) })),
    counts: counts.variants,
    holdout: counts.holdout,
  });
  const look = experiment.decision as (Partial<ExperimentLook> & { reason?: string }) | null;
  let deadline: string | null = null;
  if (experiment.mode === "test" && c.startedAt)
    deadline =
      experiment.status === "testing" || !look?.deadline
        ? (await testDeadline({ campaignId, dimension, waitMinutes: experiment.waitMinutes, startedAt: c.startedAt })).toISOString()
        : look.deadline;
  return {
    mode: experiment.mode as ExperimentMode,
    dimension,
    metric,
    method: experiment.method as WinnerMethod,
    alpha: experiment.alpha,
    testPercent: experiment.testPercent,
    holdoutPercent: experiment.holdoutPercent,
    waitMinutes: experiment.waitMinutes,
    status: experiment.status as ExperimentStatus,
    winner: experiment.winner,
    decidedAt: experiment.decidedAt,
    deadline,
    reason: look?.reason ?? null,
    released: look?.released ?? null,
    ...table,
    currency,
    attributionDays,
    linksByVariant: await countVariantLinks(campaignId),
    allocations: experiment.allocations.map((a) => ({
      wave: a.wave,
      at: a.at.toISOString(),
      recipients: a.recipients,
      shares: a.shares as Record<string, number>,
    })),
  };
}
