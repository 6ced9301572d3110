import { db } from "../db";
import { getSettings } from "../settings/get-settings";
import { parseVariants } from "./campaign-variant";
import { countVariantResults, successesOf } from "./count-variant-results";
import type { ExperimentLook } from "./decide-campaign-experiment";
import { holdoutLift, type HoldoutLift } from "./holdout-lift";
import { newcombeInterval, wilsonInterval } from "./newcombe-interval";
import { twoProportionTest } from "./two-proportion-test";
import type { ExperimentDimension, ExperimentMetric, ExperimentMode, ExperimentStatus, WinnerMethod } from "./schemas";

export interface VariantRow {
  key: string;
  /** What the variant sends: its subject, preheader, template name or sender name. */
  value: string;
  sent: number;
  opened: number;
  clicked: number;
  converted: number;
  /** The metric's rate and its 95 % Wilson interval. */
  rate: number;
  lower: number;
  upper: number;
  /** Against the control (A): the difference in rate, its 95 % Newcombe interval and the two-proportion p-value. */
  vsControl: { difference: number; lower: number; upper: number; pValue: number } | null;
}

export interface ExperimentReport {
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
  /** Test mode: when the horizon is reached (the test's start + wait); null before sending. */
  deadline: string | null;
  /** The latest look's verdict ("Waiting for the deadline", "B beats every other variant", …). */
  reason: string | null;
  /** Held rows sent the winner. */
  released: number | null;
  variants: VariantRow[];
  holdout: { size: number; converted: number; rate: number } | null;
  /** Conversion (a purchase within the attribution window) of everyone sent the campaign against the holdout. */
  lift: HoldoutLift | null;
  attributionDays: number;
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
  const { attributionDays } = await getSettings();
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
  };
  const valueOf = (v: (typeof variants)[number]) => {
    const mine = {
      subject: v.subject,
      preheader: v.preheader,
      sender_name: v.senderName,
      content: templates.find((t) => t.id === v.templateId)?.name,
    }[dimension];
    return mine?.trim() ? mine : own[dimension];
  };
  const figures = variants.map((v) => {
    const n = counts.variants.find((x) => x.key === v.key);
    return {
      v,
      sent: n?.sent ?? 0,
      opened: n?.opened ?? 0,
      clicked: n?.clicked ?? 0,
      converted: n?.converted ?? 0,
      successes: n ? successesOf(n, metric) : 0,
    };
  });
  const control = figures[0]!;
  const rows: VariantRow[] = figures.map((f, i) => {
    const p = { successes: f.successes, trials: f.sent };
    const interval = f.sent ? wilsonInterval(p) : { lower: 0, upper: 0 };
    let vsControl: VariantRow["vsControl"] = null;
    if (i > 0 && f.sent && control.sent) {
      const a = { successes: control.successes, trials: control.sent };
      const d = newcombeInterval(a, p);
      vsControl = { difference: d.difference, lower: d.lower, upper: d.upper, pValue: twoProportionTest(a, p).pValue };
    }
    return {
      key: f.v.key,
      value: valueOf(f.v),
      sent: f.sent,
      opened: f.opened,
      clicked: f.clicked,
      converted: f.converted,
      rate: f.sent ? f.successes / f.sent : 0,
      lower: interval.lower,
      upper: interval.upper,
      vsControl,
    };
  });
  const treated = figures.reduce((s, f) => ({ successes: s.successes + f.converted, trials: s.trials + f.sent }), {
    successes: 0,
    trials: 0,
  });
  const h = counts.holdout;
  const look = experiment.decision as (Partial<ExperimentLook> & { reason?: string }) | null;
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
    deadline:
      experiment.mode === "test" && c.startedAt ? new Date(c.startedAt.getTime() + experiment.waitMinutes * 60_000).toISOString() : null,
    reason: look?.reason ?? null,
    released: look?.released ?? null,
    variants: rows,
    holdout: h.size ? { size: h.size, converted: h.converted, rate: h.converted / h.size } : null,
    lift: h.size && treated.trials ? holdoutLift({ treated, holdout: { successes: h.converted, trials: h.size } }) : null,
    attributionDays,
    allocations: experiment.allocations.map((a) => ({
      wave: a.wave,
      at: a.at.toISOString(),
      recipients: a.recipients,
      shares: a.shares as Record<string, number>,
    })),
  };
}
