import { formatDateTime, formatMoney, formatNumber } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { dimensionLabels, isMeanMetric, metricLabels } from "@/lib/experiments/schemas";
import type { Difference, Estimate, ExperimentReport } from "@/lib/experiments/get-experiment-report";
import { AllocationChart } from "./allocation-chart";
import { waitLabel } from "./experiment-summary";

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
const points = (v: number) => `${v >= 0 ? "+" : "−"}${Math.abs(100 * v).toFixed(1)} pts`;

/** A rate or an amount of money, as the metric is one or the other. */
function formatters(currency: string) {
  const money = (v: number) => formatMoney(Math.round(v * 100) / 100, currency);
  const signedMoney = (v: number) => `${v >= 0 ? "+" : "−"}${money(Math.abs(v))}`;
  return {
    rate: { value: pct, difference: points },
    money: { value: money, difference: signedMoney },
  };
}

const columns = [
  { key: "open", label: "Opened" },
  { key: "click", label: "Clicked" },
  { key: "conversion", label: "Converted" },
  { key: "revenue", label: "Revenue per recipient" },
] as const;

function DifferenceText({ d, format }: { d: Difference; format: (v: number) => string }) {
  return (
    <>
      {format(d.difference)} ({format(d.lower)} to {format(d.upper)})
    </>
  );
}

function Decision({ r, timeZone }: { r: ExperimentReport; timeZone: string }) {
  if (r.status === "cancelled")
    return (
      <Alert tone="warning" title="Experiment cancelled">
        The campaign was cancelled before a winner was sent.
      </Alert>
    );
  if (r.status === "decided")
    return (
      <Alert tone="success" title={`Winner: variant ${r.winner}`}>
        {r.reason ?? ""}
        {r.decidedAt ? ` Decided ${formatDateTime(r.decidedAt, timeZone)}` : ""}
        {r.released != null ? `; ${formatNumber(r.released)} held recipients were sent the winner.` : "."}
      </Alert>
    );
  return (
    <Alert tone="info" title={r.mode === "bandit" ? "Bandit running" : "Testing"}>
      {r.mode === "bandit"
        ? `A new wave every ${waitLabel(r.waitMinutes)}, shifted towards the variant most likely to be best.`
        : `${r.reason ?? (r.method === "fixed" ? "A fixed horizon: nothing is decided before the deadline." : "Waiting for the test's first results.")}${r.deadline ? ` Decision by ${formatDateTime(r.deadline, timeZone)} at the latest.` : ""}`}
    </Alert>
  );
}

/** The experiment's part of the report: each variant's figures and interval, the lift over the holdout, the decision and a bandit's allocation. */
export function ExperimentReportView({ report: r, timeZone }: { report: ExperimentReport; timeZone: string }) {
  const metric = metricLabels[r.metric];
  const f = formatters(r.currency);
  const m = isMeanMetric(r.metric) ? f.money : f.rate;
  const decides = r.metric;
  const nobodyBought = r.variants.every((v) => v.converted === 0) && (r.holdout?.converted ?? 0) === 0;
  return (
    <Card>
      <CardHeader
        title={`${r.mode === "bandit" ? "Bandit" : "A/B test"} on ${dimensionLabels[r.dimension].toLowerCase()}`}
        description={`Winner by ${metric}${r.mode === "test" ? (r.method === "sequential" ? `, sequential test at α ${r.alpha}` : `, fixed horizon ${waitLabel(r.waitMinutes)} at α ${r.alpha}`) : ""}. Intervals are 95 %.`}
      />
      <CardBody className="space-y-4">
        <Decision r={r} timeZone={timeZone} />
        <div className="overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="variant-table">
            <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
              <tr>
                <th className="px-3 py-2">Variant</th>
                <th className="px-3 py-2 text-right">Sent</th>
                {columns.map((c) => (
                  <th
                    key={c.key}
                    className={`px-3 py-2 text-right ${c.key === decides ? "text-indigo-700" : ""}`}
                    title={c.key === decides ? "The metric that decides the winner" : undefined}
                  >
                    {c.label}
                    {c.key === decides ? <span className="block font-normal normal-case">decides</span> : null}
                  </th>
                ))}
                <th className="px-3 py-2 text-right">Versus A</th>
                <th className="px-3 py-2 text-right">p-value</th>
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
                  <tr key={v.key} className={v.key === r.winner ? "bg-emerald-50" : undefined}>
                    <td className="max-w-[14rem] px-3 py-2">
                      <span className="font-semibold">{v.key}</span>
                      {v.key === r.winner ? <span className="ml-1 text-xs text-emerald-700">winner</span> : null}
                      <span className="block truncate text-xs text-slate-500" title={v.value}>
                        {v.value}
                      </span>
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatNumber(v.sent)}</td>
                    {columns.map((c) => {
                      const cell = cells[c.key];
                      return (
                        <td
                          key={c.key}
                          data-testid={`variant-${c.key}`}
                          className={`px-3 py-2 text-right whitespace-nowrap tabular-nums ${c.key === decides ? "font-medium text-slate-900" : ""}`}
                        >
                          {v.sent ? cell.top : "—"}
                          {v.sent && cell.interval ? (
                            <span className="block text-xs font-normal text-slate-500">
                              {cell.format(cell.interval.lower)} – {cell.format(cell.interval.upper)}
                            </span>
                          ) : null}
                        </td>
                      );
                    })}
                    <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
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
                    <td className="px-3 py-2 text-right tabular-nums">{v.vsControl ? v.vsControl.pValue.toPrecision(2) : "—"}</td>
                  </tr>
                );
              })}
              {r.holdout ? (
                <tr>
                  <td className="px-3 py-2">
                    <span className="font-semibold">Holdout</span>
                    <span className="block text-xs text-slate-500">
                      sent nothing; purchases within {r.attributionDays} days after the start
                    </span>
                  </td>
                  <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{formatNumber(r.holdout.size)} held out</td>
                  <td colSpan={2} />
                  <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
                    {formatNumber(r.holdout.converted)} · {pct(r.holdout.rate)}
                  </td>
                  <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{f.money.value(r.holdout.revenuePerRecipient)}</td>
                  <td colSpan={2} />
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
        <p className="text-xs text-slate-500">
          Rates count unique people (opens include people who clicked with images blocked) among recipients sent; conversions and revenue
          are purchases within {r.attributionDays} days after each recipient&apos;s send.{" "}
          {isMeanMetric(r.metric)
            ? "“Versus A” is the difference in revenue per recipient with Welch's interval and p-value (Welch's t)."
            : `“Versus A” is the difference in ${metric} with Newcombe's interval; the p-value is the two-proportion test's.`}{" "}
          {r.dimension === "send_time" ? "The decision counted each variant's responses over the same time after its own send. " : ""}
          The decision used the rule above, not these p-values.
        </p>
        {r.lift ? (
          <div data-testid="holdout-lift" className="rounded-md bg-slate-50 p-3 text-sm text-slate-700">
            <span className="font-semibold">Lift over the holdout:</span> {pct(r.lift.treatedRate)} of recipients bought within{" "}
            {r.attributionDays} days against {pct(r.lift.holdoutRate)} of the holdout: {points(r.lift.absoluteLift)} ({points(r.lift.lower)}{" "}
            to {points(r.lift.upper)}), {r.lift.relativeLift != null ? `${(100 * r.lift.relativeLift).toFixed(0)} % relative, ` : ""}about{" "}
            {formatNumber(Math.round(r.lift.incrementalConversions))} purchases the campaign added (p = {r.lift.pValue.toPrecision(2)}).
          </div>
        ) : null}
        {r.revenueLift && !nobodyBought ? (
          <div data-testid="holdout-revenue-lift" className="rounded-md bg-slate-50 p-3 text-sm text-slate-700">
            <span className="font-semibold">Revenue lift over the holdout:</span> {f.money.value(r.revenueLift.treated)} per recipient
            against {f.money.value(r.revenueLift.holdout)} per person held out:{" "}
            <DifferenceText d={r.revenueLift} format={f.money.difference} />
            {r.revenueLift.relative != null ? `, ${(100 * r.revenueLift.relative).toFixed(0)} % relative` : ""} (Welch&apos;s t, p ={" "}
            {r.revenueLift.pValue.toPrecision(2)}).
          </div>
        ) : null}
        {r.lift && nobodyBought ? (
          <p className="text-sm text-slate-500">
            Nobody sent the campaign or held out has bought within {r.attributionDays} days yet: the revenue lift over the holdout shows
            once purchases come in.
          </p>
        ) : null}
        {r.lift ? null : r.holdoutPercent === 0 ? (
          <p className="text-sm text-slate-500">
            No holdout group: the campaign&apos;s lift cannot be measured. Set a holdout % on the next campaign.
          </p>
        ) : null}
        {r.mode === "bandit" ? (
          r.allocations.length ? (
            <AllocationChart
              allocations={r.allocations}
              keys={r.variants.map((v) => v.key)}
              waitMinutes={r.waitMinutes}
              timeZone={timeZone}
            />
          ) : (
            <p className="text-sm text-slate-500">The allocation chart starts with the first wave.</p>
          )
        ) : null}
      </CardBody>
    </Card>
  );
}
