import Link from "next/link";
import { formatDate, formatMoney } from "@/components/format";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { ClassifierScore, CustomerScores, ScoreDriver, ScoreRun } from "@/lib/scoring/customer-scores";
import { describeFeature, formatHeadline } from "@/lib/scoring/runs/model-views";

const pct = (v: number) => `${(v * 100).toFixed(0)} %`;
const num = (v: number) => new Intl.NumberFormat("en-GB", { maximumFractionDigits: v >= 100 ? 0 : 1 }).format(v);
/** Days-since features hold 3,650 for "never" (lib/scoring/data/load-features.ts). */
const featureValue = (feature: string, v: number) =>
  (feature.startsWith("days_since") || feature === "recency_days") && v >= 3650 ? "never" : num(v);

function RunLine({ run, timeZone }: { run: ScoreRun; timeZone: string }) {
  return (
    <p className="text-xs text-slate-500">
      Model v{run.version}, trained {formatDate(run.trainedAt, timeZone)}
      {run.headline ? ` · ${formatHeadline(run.headline)}` : ""}
    </p>
  );
}

function Drivers({ drivers, outcome }: { drivers: ScoreDriver[]; outcome: string }) {
  if (drivers.length === 0) return null;
  return (
    <ul className="mt-1.5 space-y-0.5 text-xs text-slate-700" aria-label={`What drives the ${outcome} score`}>
      {drivers.map((d) => (
        <li key={d.feature} className="flex justify-between gap-2">
          <span>
            {describeFeature(d.feature)}: <span className="tabular-nums">{featureValue(d.feature, d.value)}</span>
            <span className="text-slate-500"> (typical {num(d.typical)})</span>
          </span>
          <span className="shrink-0 font-medium text-slate-700">{d.effect > 0 ? "▲ raises" : "▼ lowers"}</span>
        </li>
      ))}
    </ul>
  );
}

function Classifier({ title, score, outcome, timeZone }: { title: string; score: ClassifierScore; outcome: string; timeZone: string }) {
  return (
    <div data-testid={`score-${outcome}`}>
      <div className="flex items-baseline justify-between gap-2">
        <p className="font-medium text-slate-800">{title}</p>
        <p className="text-lg font-semibold text-slate-900 tabular-nums" data-testid={`score-${outcome}-value`}>
          {pct(score.probability)}
        </p>
      </div>
      <RunLine run={score.run} timeZone={timeZone} />
      <Drivers drivers={score.drivers} outcome={outcome} />
    </div>
  );
}

/** The customer's predictive scores with what drives them, and their recommended products. */
export function ScoresCard({ scores, currency, timeZone }: { scores: CustomerScores; currency: string; timeZone: string }) {
  const any = scores.clv || scores.churn || scores.propensities.length > 0 || scores.recommendations;
  return (
    <Card>
      <CardHeader title="Predictive scores" description="From the latest trained models; features as of the day each model scored." />
      <CardBody className="space-y-4 text-sm">
        <div data-testid="scores-card" className="space-y-4">
          {scores.denied ? (
            <p className="text-slate-600">Not scored: this customer denied personalization, so no model uses or scores them.</p>
          ) : !any ? (
            <p className="text-slate-600">
              No scores yet for this customer. Models score customers with purchases or events once trained:{" "}
              <Link className="font-medium text-indigo-700 hover:underline" href="/models">
                see the Models page
              </Link>
              .
            </p>
          ) : null}
          {scores.clv ? (
            <div data-testid="score-clv">
              <div className="flex items-baseline justify-between gap-2">
                <p className="font-medium text-slate-800">Predicted value, next {scores.clv.months} months</p>
                <p className="text-lg font-semibold text-slate-900 tabular-nums" data-testid="score-clv-value">
                  {formatMoney(scores.clv.value, currency)}
                </p>
              </div>
              <RunLine run={scores.clv.run} timeZone={timeZone} />
              <dl className="mt-1.5 grid grid-cols-2 gap-x-3 text-xs text-slate-700">
                <dt>Probability still a customer</dt>
                <dd className="text-right tabular-nums" data-testid="score-probability-alive">
                  {scores.clv.probabilityAlive === null ? "—" : pct(scores.clv.probabilityAlive)}
                </dd>
                <dt>Expected purchases</dt>
                <dd className="text-right tabular-nums">
                  {scores.clv.expectedPurchases === null ? "—" : num(scores.clv.expectedPurchases)}
                </dd>
              </dl>
            </div>
          ) : null}
          {scores.churn ? <Classifier title="Churn probability" score={scores.churn} outcome="churn" timeZone={timeZone} /> : null}
          {scores.propensities.map((p) => (
            <Classifier
              key={p.category ?? ""}
              title={p.category ? `Propensity to buy in “${p.category}”` : "Purchase propensity (any product)"}
              score={p}
              outcome={p.category ? `propensity-${p.category}` : "propensity"}
              timeZone={timeZone}
            />
          ))}
          {scores.recommendations ? (
            <div data-testid="score-recommendations">
              <p className="font-medium text-slate-800">
                Recommended products{scores.recommendations.source === "popular" ? " (most popular: no history to go on)" : ""}
              </p>
              <RunLine run={scores.recommendations.run} timeZone={timeZone} />
              <ol className="mt-1.5 list-decimal space-y-0.5 pl-5 text-xs text-slate-700">
                {scores.recommendations.products.slice(0, 5).map((p) => (
                  <li key={p.sku}>
                    {p.url ? (
                      <a className="text-indigo-700 hover:underline" href={p.url} rel="noreferrer noopener" target="_blank">
                        {p.name || p.sku}
                      </a>
                    ) : (
                      p.name || p.sku
                    )}
                    {p.price !== null ? <span className="text-slate-500"> · {formatMoney(p.price, currency)}</span> : null}
                  </li>
                ))}
              </ol>
            </div>
          ) : null}
        </div>
      </CardBody>
    </Card>
  );
}
