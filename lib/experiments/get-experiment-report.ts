import { db } from "../db";
import { getSettings } from "../settings/get-settings";
import { parseVariants } from "./campaign-variant";
import { countVariantLinks, type VariantLinks } from "./count-variant-links";
import { countVariantResults, successesOf, type VariantCounts } from "./count-variant-results";
import type { ExperimentLook } from "./decide-campaign-experiment";
import { holdoutLift, type HoldoutLift } from "./holdout-lift";
import { newcombeInterval, wilsonInterval } from "./newcombe-interval";
import { twoProportionTest } from "./two-proportion-test";
import { testDeadline } from "./test-deadline";
import {
  isMeanMetric,
  type ExperimentDimension,
  type ExperimentMetric,
  type ExperimentMode,
  type ExperimentStatus,
  type WinnerMethod,
} from "./schemas";
import { meanInterval, poolSummaries, welchTTest, type SampleSummary } from "./welch-t-test";

/** A figure with its 95 % interval. */
export interface Estimate {
  value: number;
  lower: number;
  upper: number;
}

/** A difference against a reference (the control, or the holdout), its 95 % interval and p-value. */
export interface Difference {
  difference: number;
  lower: number;
  upper: number;
  pValue: number;
}

export interface VariantRow {
  key: string;
  /** What the variant sends: its subject, preheader, template name, sender name or send time. */
  value: string;
  sent: number;
  opened: number;
  clicked: number;
  converted: number;
  /** The experiment's metric: a rate with Wilson's interval, or revenue per recipient with Student's t interval. */
  metric: Estimate;
  /** Bought within the attribution window after the send ÷ recipients sent (Wilson's interval). */
  conversion: Estimate;
  /** Revenue of those purchases ÷ recipients sent (t interval), and the total. */
  revenuePerRecipient: Estimate;
  revenue: number;
  /**
   * Against the control (A), on the metric: Newcombe's interval and the two-proportion p-value for
   * rates, Welch's interval and p-value for revenue per recipient.
   */
  vsControl: Difference | null;
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
  /** Test mode: when the horizon is reached (the test's start — a send-time test's last variant — + wait); null before sending. */
  deadline: string | null;
  /** The latest look's verdict ("Waiting for the deadline", "B beats every other variant", …). */
  reason: string | null;
  /** Held rows sent the winner. */
  released: number | null;
  variants: VariantRow[];
  currency: string;
  holdout: { size: number; converted: number; rate: number; revenuePerRecipient: number } | null;
  /** Conversion (a purchase within the attribution window) of everyone sent the campaign against the holdout. */
  lift: HoldoutLift | null;
  /** Revenue per recipient of everyone sent against the holdout's (Welch's interval); relative to the holdout's. */
  revenueLift: (Difference & { treated: number; holdout: number; relative: number | null }) | null;
  attributionDays: number;
  /** Content tests: clicks by link per variant (each variant's own template version and links). */
  linksByVariant: VariantLinks[] | null;
  /** Bandits: each wave's allocation. */
  allocations: { wave: number; at: string; recipients: number; shares: Record<string, number> }[];
}

const rateEstimate = (successes: number, trials: number): Estimate =>
  trials ? { value: successes / trials, ...wilsonInterval({ successes, trials }) } : { value: 0, lower: 0, upper: 0 };
const meanEstimate = (s: SampleSummary): Estimate => ({ value: s.mean, ...meanInterval(s) });

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
  const empty: VariantCounts = {
    key: "",
    sent: 0,
    opened: 0,
    clicked: 0,
    converted: 0,
    pending: 0,
    revenue: { n: 0, mean: 0, variance: 0 },
  };
  const figures = variants.map((v) => ({ v, n: counts.variants.find((x) => x.key === v.key) ?? empty }));
  const mean = isMeanMetric(metric);
  const control = figures[0]!.n;
  const rows: VariantRow[] = figures.map(({ v, n }, i) => {
    const successes = successesOf(n, metric);
    let vsControl: VariantRow["vsControl"] = null;
    if (i > 0 && mean && n.sent > 1 && control.sent > 1) {
      const w = welchTTest(control.revenue, n.revenue);
      vsControl = { difference: w.difference, lower: w.lower, upper: w.upper, pValue: w.pValue };
    } else if (i > 0 && !mean && n.sent && control.sent) {
      const a = { successes: successesOf(control, metric), trials: control.sent };
      const p = { successes, trials: n.sent };
      const d = newcombeInterval(a, p);
      vsControl = { difference: d.difference, lower: d.lower, upper: d.upper, pValue: twoProportionTest(a, p).pValue };
    }
    return {
      key: v.key,
      value: valueOf(v),
      sent: n.sent,
      opened: n.opened,
      clicked: n.clicked,
      converted: n.converted,
      metric: mean ? meanEstimate(n.revenue) : rateEstimate(successes, n.sent),
      conversion: rateEstimate(n.converted, n.sent),
      revenuePerRecipient: meanEstimate(n.revenue),
      revenue: n.revenue.mean * n.revenue.n,
      vsControl,
    };
  });
  const treated = figures.reduce((s, f) => ({ successes: s.successes + f.n.converted, trials: s.trials + f.n.sent }), {
    successes: 0,
    trials: 0,
  });
  const treatedRevenue = poolSummaries(figures.map((f) => f.n.revenue));
  const h = counts.holdout;
  let revenueLift: ExperimentReport["revenueLift"] = null;
  if (h.size > 1 && treatedRevenue.n > 1) {
    const w = welchTTest(h.revenue, treatedRevenue);
    revenueLift = {
      treated: treatedRevenue.mean,
      holdout: h.revenue.mean,
      difference: w.difference,
      lower: w.lower,
      upper: w.upper,
      pValue: w.pValue,
      relative: h.revenue.mean > 0 ? w.difference / h.revenue.mean : null,
    };
  }
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
    variants: rows,
    currency,
    holdout: h.size ? { size: h.size, converted: h.converted, rate: h.converted / h.size, revenuePerRecipient: h.revenue.mean } : null,
    lift: h.size && treated.trials ? holdoutLift({ treated, holdout: { successes: h.converted, trials: h.size } }) : null,
    revenueLift,
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
