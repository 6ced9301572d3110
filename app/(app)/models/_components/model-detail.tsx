"use client";

import {
  CalibrationChart,
  HitRateChart,
  ImportanceChart,
  LiftChart,
  PredictedActualChart,
  ScoreDistributionChart,
} from "@/components/charts/model-charts";
import { DataTable } from "@/components/ui/data-table";
import {
  describeFeature,
  type ClassifierMetrics,
  type ClassifierView,
  type ClvView,
  type ModelOverview,
  type RecommendationsView,
  type ScoreDistribution,
} from "@/lib/scoring/runs/model-views";
import { describeWindow } from "./describe-window";

const f = (v: number | null | undefined, digits = 3) => (typeof v === "number" && Number.isFinite(v) ? v.toFixed(digits) : "—");
const pct = (v: number | null | undefined) => (typeof v === "number" && Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : "—");
const int = (v: number | null | undefined) => (typeof v === "number" ? v.toLocaleString("en-GB") : "—");

function Figure({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div className="rounded-lg bg-slate-50 px-4 py-3">
      <p className="text-xs font-medium text-slate-500">{label}</p>
      <p className="mt-0.5 text-lg font-semibold text-slate-900 tabular-nums" data-testid={testId}>
        {value}
      </p>
      {hint ? <p className="text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}

function Section({ title, description, children }: { title: string; description?: string; children: React.ReactNode }) {
  return (
    <section>
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      {description ? <p className="mb-2 text-xs text-slate-500">{description}</p> : null}
      {children}
    </section>
  );
}

/** The trained run's figures and charts, by kind of model. */
export function ModelDetail({
  model,
  distribution,
}: {
  model: NonNullable<ModelOverview["trained"]>;
  distribution: ScoreDistribution | null;
}) {
  const d = model.detail;
  return (
    <div className="space-y-6" data-testid="model-detail">
      <p className="text-xs text-slate-500">
        Data window: {describeWindow(model.window)} · {int(model.trainingRows)} training rows · {int(model.scoredCustomers)} customers
        scored
      </p>
      {d.kind === "clv" ? <ClvDetail d={d} /> : d.kind === "recommendations" ? <RecommendationsDetail d={d} /> : <ClassifierDetail d={d} />}
      {distribution ? (
        <Section title="Scores now" description={`How many customers carry each range of ${distribution.label.toLowerCase()}.`}>
          <ScoreDistributionChart bins={distribution.bins} label={distribution.label} probability={distribution.unit === "probability"} />
        </Section>
      ) : null}
    </div>
  );
}

function ClvDetail({ d }: { d: ClvView }) {
  const v = d.validation;
  return (
    <>
      <Section title="Fitted parameters" description="Maximum likelihood on each customer's repeat purchase days, recency and age in days.">
        <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="clv-params">
          <Figure label="BG/NBD r" value={f(d.bgnbd.r)} />
          <Figure label="BG/NBD α (days)" value={f(d.bgnbd.alpha)} />
          <Figure label="BG/NBD a" value={f(d.bgnbd.a)} />
          <Figure label="BG/NBD b" value={f(d.bgnbd.b)} />
          <Figure label="Log-likelihood" value={f(d.bgnbd.logLikelihood, 1)} testId="log-likelihood" />
          <Figure
            label="Gamma-Gamma p · q · v"
            value={`${f(d.gammaGamma.p, 2)} · ${f(d.gammaGamma.q, 2)} · ${f(d.gammaGamma.v, 1)}`}
            hint={`${int(d.gammaGamma.customers)} repeat buyers`}
          />
        </div>
      </Section>
      <Section
        title="Holdout check"
        description={`Fitted up to the calibration end, then asked how many repeat purchase days each customer would have in the next ${v.holdoutDays} days; compared with what they did.`}
      >
        <div className="mb-3 grid gap-3 sm:grid-cols-3">
          <Figure label="Mean absolute error" value={f(v.meanAbsoluteError, 3)} hint="repeat purchases per customer" testId="clv-mae" />
          <Figure
            label="Predicted in the holdout"
            value={f(v.predictedTotal, 0)}
            hint={`repeat purchases, ${int(v.customers)} customers`}
          />
          <Figure label="Actual in the holdout" value={f(v.actualTotal, 0)} hint="repeat purchases" />
        </div>
        <PredictedActualChart data={v.byFrequency} holdoutDays={v.holdoutDays} />
      </Section>
    </>
  );
}

const algorithmNames = { logistic_regression: "Logistic regression", gradient_boosting: "Gradient-boosted trees" } as const;

function ClassifierDetail({ d }: { d: ClassifierView }) {
  const chosen: ClassifierMetrics = d[d.chosen];
  const other = d.chosen === "logistic_regression" ? "gradient_boosting" : "logistic_regression";
  const outcome = d.kind === "churn" ? "churn" : "purchase";
  return (
    <>
      <Section
        title="Which model scores"
        description="Both were trained on the earlier window and validated on the later one; the higher validation AUC wins."
      >
        <p className="mb-3 text-sm text-slate-800" data-testid="model-winner">
          <strong>{algorithmNames[d.chosen]}</strong> scores customers: AUC {f(chosen.auc)} against {f(d[other].auc)} for{" "}
          {algorithmNames[other].toLowerCase()}.
        </p>
        <DataTable
          columns={[
            "Model",
            { label: "AUC-ROC", align: "right" },
            { label: "Precision at 0.5", align: "right" },
            { label: "Recall at 0.5", align: "right" },
            { label: "Brier score", align: "right" },
            { label: `Validation ${outcome} rate`, align: "right" },
          ]}
        >
          {(["logistic_regression", "gradient_boosting"] as const).map((k) => (
            <tr key={k} className={k === d.chosen ? "bg-indigo-50/50 font-medium" : undefined}>
              <td className="px-5 py-2">
                {algorithmNames[k]}
                {k === d.chosen ? " (chosen)" : ""}
                {k === "gradient_boosting" && d.boostingIterations !== null ? (
                  <span className="ml-1 text-xs text-slate-500">· {d.boostingIterations} trees</span>
                ) : null}
              </td>
              <td className="px-5 py-2 text-right tabular-nums" data-testid={`auc-${k}`}>
                {f(d[k].auc)}
              </td>
              <td className="px-5 py-2 text-right tabular-nums">{pct(d[k].atHalf.precision)}</td>
              <td className="px-5 py-2 text-right tabular-nums">{pct(d[k].atHalf.recall)}</td>
              <td className="px-5 py-2 text-right tabular-nums">{f(d[k].brier)}</td>
              <td className="px-5 py-2 text-right tabular-nums">
                {pct(d[k].positiveRate)} of {int(d[k].rows)}
              </td>
            </tr>
          ))}
        </DataTable>
      </Section>
      <div className="grid gap-6 lg:grid-cols-2">
        <Section
          title="Calibration"
          description={`Do the predicted probabilities match how often ${outcome} happened? Points on the dashed line are right.`}
        >
          <CalibrationChart data={chosen.calibration} outcome={outcome} />
        </Section>
        <Section
          title="Lift by decile"
          description={`How much more often ${outcome} happens among the customers scored highest than on average.`}
        >
          <LiftChart data={chosen.lift} />
        </Section>
      </div>
      <Section
        title="Feature importance"
        description={`What the chosen model relies on most (${d.chosen === "gradient_boosting" ? "share of split gain" : "share of standardized coefficients"}).`}
      >
        <ImportanceChart data={chosen.importance} describe={describeFeature} />
      </Section>
    </>
  );
}

function RecommendationsDetail({ d }: { d: RecommendationsView }) {
  const better = d.hitRate >= d.popularityHitRate;
  return (
    <Section
      title={`Hit rate @${d.k} on a time split`}
      description={`Recommendations made from purchases and views before the cutoff; a hit is a customer buying one of the ${d.k} in the window after. The same measure for the most popular products is the baseline.`}
    >
      <div className="mb-3 grid gap-3 sm:grid-cols-3">
        <Figure
          label={`Model hit rate @${d.k}`}
          value={pct(d.hitRate)}
          hint={`${int(d.hits)} of ${int(d.customers)} customers`}
          testId="hit-rate"
        />
        <Figure
          label="Popularity baseline"
          value={pct(d.popularityHitRate)}
          hint={`${int(d.popularityHits)} of ${int(d.customers)} customers`}
          testId="popularity-hit-rate"
        />
        <Figure label="Products" value={int(d.products)} hint="with a purchase or a view" />
      </div>
      {!better ? (
        <p className="mb-2 text-sm text-amber-800">
          On this data the most popular products did better than the item-to-item model: with few customers per product, co-purchases are
          thin. More history usually turns this around.
        </p>
      ) : null}
      <HitRateChart model={d.hitRate} popularity={d.popularityHitRate} k={d.k} />
    </Section>
  );
}
