import { formatMoney, formatNumber } from "@/components/format";
import { cn } from "@/components/ui/cn";
import { isMeanMetric, metricLabels, type ExperimentMetric } from "@/lib/experiments/schemas";
import type { Difference, Estimate, VariantTable } from "@/lib/experiments/variant-table";

export const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
export const points = (v: number) => `${v >= 0 ? "+" : "−"}${Math.abs(100 * v).toFixed(1)} pts`;

/** A rate or an amount of money, as the metric is one or the other. */
function formatters(currency: string) {
  const money = (v: number) => formatMoney(Math.round(v * 100) / 100, currency);
  const signedMoney = (v: number) => `${v >= 0 ? "+" : "−"}${money(Math.abs(v))}`;
  return { rate: { value: pct, difference: points }, money: { value: money, difference: signedMoney } };
}

const columns = [
  { key: "open", label: "Opened" },
  { key: "click", label: "Clicked" },
  { key: "conversion", label: "Converted" },
  { key: "revenue", label: "Revenue per recipient" },
] as const;

export interface VariantTableViewProps {
  table: VariantTable;
  metric: ExperimentMetric;
  winner: string | null;
  attributionDays: number;
  currency: string;
  holdoutPercent: number;
  /** What sent the email, in the lift's sentence: "the campaign", "this step's email". */
  source: string;
  /** Under "Holdout": when the holdout's purchase window starts. */
  holdoutWindow: string;
  /** Where to set a holdout, when there is none. */
  noHoldoutHint: string;
  /** A send-time test: responses were counted over the same time after each send. */
  sendTime?: boolean;
  /** Smaller type, for a panel beside the flow's steps. */
  dense?: boolean;
  testId?: string;
}

/**
 * An experiment's variant table, for a campaign's report and a flow step's panel alike: each
 * variant's opens, clicks, conversions and revenue per recipient (the deciding metric marked, with
 * its interval), the difference from A with its interval and p-value, the holdout, and the lifts
 * over the holdout.
 */
export function VariantTableView(p: VariantTableViewProps) {
  const { table: r, metric: decides } = p;
  const f = formatters(p.currency);
  const m = isMeanMetric(decides) ? f.money : f.rate;
  const metric = metricLabels[decides];
  const nobodyBought = r.variants.every((v) => v.converted === 0) && (r.holdout?.converted ?? 0) === 0;
  const cell = p.dense ? "px-2 py-1.5" : "px-3 py-2";
  const note = p.dense ? "text-xs" : "text-sm";
  return (
    <div className="space-y-3">
      <div className="overflow-x-auto">
        <table className={cn("min-w-full divide-y divide-slate-200", p.dense ? "text-xs" : "text-sm")} data-testid={p.testId}>
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
            <tr>
              <th className={cell}>Variant</th>
              <th className={`${cell} text-right`}>Sent</th>
              {columns.map((c) => (
                <th
                  key={c.key}
                  className={`${cell} text-right ${c.key === decides ? "text-indigo-700" : ""}`}
                  title={c.key === decides ? "The metric that decides the winner" : undefined}
                >
                  {c.label}
                  {c.key === decides ? <span className="block font-normal normal-case">decides</span> : null}
                </th>
              ))}
              <th className={`${cell} text-right`}>Versus A</th>
              <th className={`${cell} text-right`}>p-value</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {r.variants.map((v) => {
              const cells: Record<
                (typeof columns)[number]["key"],
                { top: string; interval: Estimate | null; format: (x: number) => string }
              > = {
                open: { top: `${formatNumber(v.opened)} · ${pct(v.sent ? v.opened / v.sent : 0)}`, interval: null, format: pct },
                click: { top: `${formatNumber(v.clicked)} · ${pct(v.sent ? v.clicked / v.sent : 0)}`, interval: null, format: pct },
                conversion: { top: `${formatNumber(v.converted)} · ${pct(v.conversion.value)}`, interval: v.conversion, format: pct },
                revenue: { top: f.money.value(v.revenuePerRecipient.value), interval: v.revenuePerRecipient, format: f.money.value },
              };
              cells[decides].interval = v.metric;
              return (
                <tr key={v.key} className={v.key === p.winner ? "bg-emerald-50" : undefined} data-variant={v.key}>
                  <td className={`max-w-[14rem] ${cell}`}>
                    <span className="font-semibold">{v.key}</span>
                    {v.key === p.winner ? <span className="ml-1 text-xs text-emerald-700">winner</span> : null}
                    <span className="block truncate text-xs text-slate-500" title={v.value}>
                      {v.value}
                    </span>
                  </td>
                  <td className={`${cell} text-right tabular-nums`}>{formatNumber(v.sent)}</td>
                  {columns.map((c) => {
                    const x = cells[c.key];
                    return (
                      <td
                        key={c.key}
                        data-testid={`variant-${c.key}`}
                        className={`${cell} text-right whitespace-nowrap tabular-nums ${c.key === decides ? "font-medium text-slate-900" : ""}`}
                      >
                        {v.sent ? x.top : "—"}
                        {v.sent && x.interval ? (
                          <span className="block text-xs font-normal text-slate-500">
                            {x.format(x.interval.lower)} – {x.format(x.interval.upper)}
                          </span>
                        ) : null}
                      </td>
                    );
                  })}
                  <td className={`${cell} text-right whitespace-nowrap tabular-nums`}>
                    {v.vsControl ? (
                      <>
                        {m.difference(v.vsControl.difference)}
                        <span className="block text-xs text-slate-500">
                          {m.difference(v.vsControl.lower)} to {m.difference(v.vsControl.upper)}
                        </span>
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className={`${cell} text-right tabular-nums`}>{v.vsControl ? v.vsControl.pValue.toPrecision(2) : "—"}</td>
                </tr>
              );
            })}
            {p.holdoutPercent ? (
              <tr data-variant="holdout">
                <td className={cell}>
                  <span className="font-semibold">Holdout</span>
                  <span className="block text-xs text-slate-500">{p.holdoutWindow}</span>
                </td>
                <td className={`${cell} text-right whitespace-nowrap tabular-nums`}>{formatNumber(r.holdout?.size ?? 0)} held out</td>
                {r.holdout ? (
                  <>
                    <td colSpan={2} />
                    <td className={`${cell} text-right whitespace-nowrap tabular-nums`}>
                      {formatNumber(r.holdout.converted)} · {pct(r.holdout.rate)}
                    </td>
                    <td className={`${cell} text-right whitespace-nowrap tabular-nums`}>{f.money.value(r.holdout.revenuePerRecipient)}</td>
                    <td colSpan={2} />
                  </>
                ) : (
                  <td colSpan={6} className={`${cell} text-slate-500`}>
                    Nobody held out yet: {p.holdoutPercent} % of the people who come next get nothing.
                  </td>
                )}
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-500">
        Rates count unique people (opens include people who clicked with images blocked) among recipients sent; conversions and revenue are
        purchases within {p.attributionDays} days after each recipient&apos;s send.{" "}
        {isMeanMetric(decides)
          ? "“Versus A” is the difference in revenue per recipient with Welch's interval and p-value (Welch's t)."
          : `“Versus A” is the difference in ${metric} with Newcombe's interval; the p-value is the two-proportion test's.`}{" "}
        {p.sendTime ? "The decision counted each variant's responses over the same time after its own send. " : ""}
        The decision used the rule above, not these p-values.
      </p>
      {r.lift ? (
        <div data-testid="holdout-lift" className={`rounded-md bg-slate-50 p-3 ${note} text-slate-700`}>
          <span className="font-semibold">Lift over the holdout:</span> {pct(r.lift.treatedRate)} of recipients bought within{" "}
          {p.attributionDays} days against {pct(r.lift.holdoutRate)} of the holdout: {points(r.lift.absoluteLift)} ({points(r.lift.lower)}{" "}
          to {points(r.lift.upper)}), {r.lift.relativeLift != null ? `${(100 * r.lift.relativeLift).toFixed(0)} % relative, ` : ""}about{" "}
          {formatNumber(Math.round(r.lift.incrementalConversions))} purchases {p.source} added (p = {r.lift.pValue.toPrecision(2)}).
        </div>
      ) : null}
      {r.revenueLift && !nobodyBought ? (
        <div data-testid="holdout-revenue-lift" className={`rounded-md bg-slate-50 p-3 ${note} text-slate-700`}>
          <span className="font-semibold">Revenue lift over the holdout:</span> {f.money.value(r.revenueLift.treated)} per recipient against{" "}
          {f.money.value(r.revenueLift.holdout)} per person held out: <DifferenceText d={r.revenueLift} format={f.money.difference} />
          {r.revenueLift.relative != null ? `, ${(100 * r.revenueLift.relative).toFixed(0)} % relative` : ""} (Welch&apos;s t, p ={" "}
          {r.revenueLift.pValue.toPrecision(2)}).
        </div>
      ) : null}
      {r.lift && nobodyBought ? (
        <p className={`${note} text-slate-500`}>
          Nobody sent {p.source} or held out has bought within {p.attributionDays} days yet: the revenue lift over the holdout shows once
          purchases come in.
        </p>
      ) : null}
      {!r.lift && p.holdoutPercent === 0 ? (
        <p className={`${note} text-slate-500`}>
          No holdout group: what {p.source} adds cannot be measured. {p.noHoldoutHint}
        </p>
      ) : null}
    </div>
  );
}

function DifferenceText({ d, format }: { d: Difference; format: (v: number) => string }) {
  return (
    <>
      {format(d.difference)} ({format(d.lower)} to {format(d.upper)})
    </>
  );
}
