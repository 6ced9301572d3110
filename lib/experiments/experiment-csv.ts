import { csvCell } from "../exports/csv-cell";
import { holdoutLift } from "./holdout-lift";
import { metricLabels, type ExperimentMetric } from "./schemas";
import type { VariantTable } from "./variant-table";

export const experimentCsvHeader = [
  "variant",
  "value",
  "recipients",
  "opened",
  "open_rate",
  "clicked",
  "click_rate",
  "converted",
  "conversion_rate",
  "conversion_rate_lower",
  "conversion_rate_upper",
  "revenue",
  "revenue_per_recipient",
  "revenue_per_recipient_lower",
  "revenue_per_recipient_upper",
  "metric",
  "metric_value",
  "metric_lower",
  "metric_upper",
  "vs_a_difference",
  "vs_a_lower",
  "vs_a_upper",
  "vs_a_p_value",
  "lift_over_holdout",
  "lift_over_holdout_lower",
  "lift_over_holdout_upper",
  "lift_over_holdout_p_value",
  "decision",
] as const;

const ratio = (n: number, d: number) => (d ? n / d : null);

/**
 * An experiment's figures as CSV, one row per variant (a campaign's or a flow step's): recipients
 * sent, opens, clicks, conversions and revenue with their rates and 95 % intervals, the metric
 * that decides, the difference from A (Newcombe's or Welch's interval, p-value), the conversion
 * lift over the holdout (Newcombe's interval) and the decision; then the holdout's row and one for
 * everyone sent. Rates and amounts are plain numbers (0.125, not "12.5 %") for spreadsheets.
 */
export function experimentCsv(opts: {
  table: VariantTable;
  metric: ExperimentMetric;
  winner: string | null;
  /** The decision in words ("B beats every other variant", "Testing", …), on the rows of everyone sent. */
  decision: string;
}): string {
  const { table, metric } = opts;
  type Row = Partial<Record<(typeof experimentCsvHeader)[number], unknown>>;
  const h = table.holdout;
  const rows: Row[] = table.variants.map((v) => {
    const lift =
      h && v.sent
        ? holdoutLift({ treated: { successes: v.converted, trials: v.sent }, holdout: { successes: h.converted, trials: h.size } })
        : null;
    return {
      variant: v.key,
      value: v.value,
      recipients: v.sent,
      opened: v.opened,
      open_rate: ratio(v.opened, v.sent),
      clicked: v.clicked,
      click_rate: ratio(v.clicked, v.sent),
      converted: v.converted,
      conversion_rate: v.conversion.value,
      conversion_rate_lower: v.conversion.lower,
      conversion_rate_upper: v.conversion.upper,
      revenue: v.revenue,
      revenue_per_recipient: v.revenuePerRecipient.value,
      revenue_per_recipient_lower: v.revenuePerRecipient.lower,
      revenue_per_recipient_upper: v.revenuePerRecipient.upper,
      metric: metricLabels[metric],
      metric_value: v.metric.value,
      metric_lower: v.metric.lower,
      metric_upper: v.metric.upper,
      vs_a_difference: v.vsControl?.difference,
      vs_a_lower: v.vsControl?.lower,
      vs_a_upper: v.vsControl?.upper,
      vs_a_p_value: v.vsControl?.pValue,
      lift_over_holdout: lift?.absoluteLift,
      lift_over_holdout_lower: lift?.lower,
      lift_over_holdout_upper: lift?.upper,
      lift_over_holdout_p_value: lift?.pValue,
      decision: v.key === opts.winner ? "winner" : "",
    };
  });
  if (h)
    rows.push({
      variant: "holdout",
      value: "sent nothing",
      recipients: h.size,
      converted: h.converted,
      conversion_rate: h.rate,
      revenue: h.revenuePerRecipient * h.size,
      revenue_per_recipient: h.revenuePerRecipient,
      metric: metricLabels[metric],
    });
  const sum = (f: (v: VariantTable["variants"][number]) => number) => table.variants.reduce((s, v) => s + f(v), 0);
  const sent = sum((v) => v.sent);
  rows.push({
    variant: "all sent",
    value: "every variant together",
    recipients: sent,
    opened: sum((v) => v.opened),
    open_rate: ratio(
      sum((v) => v.opened),
      sent,
    ),
    clicked: sum((v) => v.clicked),
    click_rate: ratio(
      sum((v) => v.clicked),
      sent,
    ),
    converted: sum((v) => v.converted),
    conversion_rate: ratio(
      sum((v) => v.converted),
      sent,
    ),
    revenue: sum((v) => v.revenue),
    revenue_per_recipient: ratio(
      sum((v) => v.revenue),
      sent,
    ),
    metric: metricLabels[metric],
    lift_over_holdout: table.lift?.absoluteLift,
    lift_over_holdout_lower: table.lift?.lower,
    lift_over_holdout_upper: table.lift?.upper,
    lift_over_holdout_p_value: table.lift?.pValue,
    decision: opts.decision,
  });
  return [experimentCsvHeader.join(","), ...rows.map((r) => experimentCsvHeader.map((c) => csvCell(r[c])).join(","))].join("\n") + "\n";
}
