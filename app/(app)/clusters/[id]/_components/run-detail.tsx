"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useDeferredValue } from "react";
import { clusterColor } from "@/components/charts/cluster-colors";
import { ClusterScatter } from "@/components/charts/cluster-scatter";
import { DistanceChart } from "@/components/charts/distance-chart";
import { ElbowChart } from "@/components/charts/elbow-chart";
import { formatDateTime } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { LinkButton } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { JobProgressPanel } from "@/components/ui/job-progress";
import { describeClusterFeature, isActiveRun, NEVER_PURCHASED, NOISE, type ClusterRunDetail } from "@/lib/clustering/runs/schemas";
import { clusterKeys, clusterQueries } from "@/lib/query/clusters";
import { fetchJson } from "@/lib/query/fetch-json";
import { describeAlgorithm, describePreprocessing, featureList, fmt } from "../../_components/describe-params";
import { RunStatusBadge } from "../../_components/run-status-badge";
import { ClusterCard } from "./cluster-card";
import { DendrogramCard } from "./dendrogram-card";
import { ProfileTable } from "./profile-table";

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-lg bg-slate-50 px-4 py-3">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-1 text-xl font-semibold text-slate-900 tabular-nums">{value}</dd>
      {hint ? <dd className="mt-0.5 text-xs text-slate-500">{hint}</dd> : null}
    </div>
  );
}

/** One run: live progress and cancel while it runs; its charts, profiles and clusters once done. */
export function RunDetail({
  initial,
  canEdit,
  timeZone,
  currency,
  segmentName,
}: {
  initial: ClusterRunDetail;
  canEdit: boolean;
  timeZone: string;
  currency: string;
  segmentName: string | null;
}) {
  const queryClient = useQueryClient();
  const { data: run, error } = useQuery({ ...clusterQueries.detail(initial.id), initialData: initial });
  const cancel = useMutation({
    mutationFn: () => fetchJson<{ status: string }>(`/api/v1/clusters/runs/${run.id}/cancel`, { method: "POST" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: clusterKeys.detail(run.id) }),
  });
  // The status and progress render at once; the results (charts of up to 1,500 points, profiles)
  // render from a deferred copy, so "Finished" is painted first instead of after the charts.
  const settled = useDeferredValue(run);
  const r = settled.results;
  const p = run.params;
  const names = settled.clusterNames;
  return (
    <>
      <PageHeader
        title={run.name}
        description={`${describeAlgorithm(p)} · started by ${run.createdBy ?? "?"} · ${formatDateTime(run.createdAt, timeZone)}`}
        actions={<RunStatusBadge status={run.status} />}
      />
      <div className="space-y-6">
        {error ? (
          <Alert tone="error" title="Could not refresh this run">
            {error.message}
          </Alert>
        ) : null}
        <Card>
          <CardBody className="space-y-2 text-sm text-slate-600">
            <p>
              <span className="font-medium text-slate-800">Features:</span> {featureList(p)}
            </p>
            <p>
              <span className="font-medium text-slate-800">Preprocessing:</span> {describePreprocessing(p)}
            </p>
            <p>
              <span className="font-medium text-slate-800">Population:</span>{" "}
              {p.segmentId ? `members of the segment “${segmentName ?? "(deleted)"}”` : "all customers"}, without those who objected to
              profiling · seed {p.seed}
            </p>
            <div className="pt-2">
              <JobProgressPanel job={run} label="Clustering progress" cancel={canEdit ? cancel : undefined} cancelLabel="Cancel run">
                {run.startedAt && !isActiveRun(run) ? (
                  <p className="text-sm text-slate-600">Started {formatDateTime(run.startedAt, timeZone)}</p>
                ) : null}
              </JobProgressPanel>
            </div>
          </CardBody>
        </Card>
        {run.status === "failed" || run.status === "cancelled" ? (
          <Alert
            tone={run.status === "failed" ? "error" : "warning"}
            title={run.status === "failed" ? "The run failed" : "The run was cancelled"}
          >
            <p>{run.error}</p>
            {canEdit ? (
              <p className="mt-2">
                <Link className="font-medium underline" href={`/clusters/new?from=${run.id}`}>
                  Change the parameters and run again
                </Link>
              </p>
            ) : null}
          </Alert>
        ) : null}
        {settled.status === "succeeded" && r ? (
          <>
            <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6" data-testid="run-stats">
              <Stat
                label="Customers clustered"
                value={fmt(run.population)}
                hint={r.neverPurchased ? `+ ${fmt(r.neverPurchased)} who never purchased, kept apart` : undefined}
              />
              <Stat label="Clusters" value={String(r.k)} hint={r.noise ? `+ ${fmt(r.noise)} noise` : undefined} />
              <Stat
                label="Silhouette"
                value={r.silhouette ? r.silhouette.score.toFixed(3) : "–"}
                hint={r.silhouette?.sampled ? `on a seeded sample of ${fmt(r.silhouette.sampleSize)}` : "exact"}
              />
              <Stat label="Left out (consent)" value={fmt(r.report.excludedByConsent)} hint="objected to profiling" />
              <Stat
                label="Left out (missing)"
                value={fmt(r.report.dropped)}
                hint={
                  p.preprocessing.missing === "drop"
                    ? "a missing value"
                    : `${fmt(r.population.reduce((s, f) => s + (f.filled ?? 0), 0))} missing values filled instead`
                }
              />
              <Stat
                label="Clipped before log"
                value={fmt(Object.values(r.report.clipped).reduce((s, x) => s + x, 0))}
                hint="values below 0 set to 0"
              />
            </dl>
            {r.report.explainedVariance ? (
              <Alert tone="info">
                PCA keeps {r.report.explainedVariance.length} components explaining{" "}
                {(r.report.explainedVariance.reduce((s, x) => s + x, 0) * 100).toFixed(1)} % of the variance (
                {r.report.explainedVariance.map((v) => `${(v * 100).toFixed(1)} %`).join(", ")}).
              </Alert>
            ) : null}
            {r.elbow.length ? (
              <Card>
                <CardHeader
                  title="How many clusters? Elbow and silhouette"
                  description={`Inertia falls as k grows; the bend (“elbow”) and a high silhouette suggest a good k.${r.elbow.some((e) => e.sampled) ? ` Computed on a seeded sample of ${fmt(Math.min(20000, run.population ?? 0))} customers (inertia scaled to the whole population); silhouette on at most 10,000.` : " Silhouette computed exactly."}`}
                  action={
                    canEdit && r.suggestedK && r.suggestedK !== r.k ? (
                      <LinkButton href={`/clusters/new?from=${run.id}&k=${r.suggestedK}`} variant="secondary">
                        Run again with k = {r.suggestedK}
                      </LinkButton>
                    ) : null
                  }
                />
                <CardBody>
                  <ElbowChart data={r.elbow} suggestedK={r.suggestedK} chosenK={r.k} />
                  <p className="mt-2 text-sm text-slate-600" data-testid="suggested-k">
                    Suggested k = {r.suggestedK ?? "–"}; this run used k = {r.k}.
                    {canEdit ? " To try another k, start a new run from this one." : ""}
                  </p>
                </CardBody>
              </Card>
            ) : null}
            {p.algorithm.kind === "ward" ? (
              r.tree ? (
                <DendrogramCard runId={run.id} runName={run.name} tree={r.tree} params={p} names={names} canEdit={canEdit} />
              ) : (
                <Alert tone="info">This run was stored before Tailor drew dendrograms: run it again to see its tree.</Alert>
              )
            ) : null}
            {r.kDistances ? (
              <Card>
                <CardHeader
                  title="k-distance chart (choosing eps)"
                  description={`Distance of each sampled customer to its ${p.algorithm.kind === "dbscan" ? p.algorithm.minPts : "k"}-th nearest neighbour, largest first (preprocessed units). eps near the knee of the curve separates dense groups from noise.`}
                />
                <CardBody>
                  <DistanceChart
                    values={r.kDistances}
                    marked={p.algorithm.kind === "dbscan" ? p.algorithm.eps : null}
                    xLabel="Sampled customers, sorted"
                    yLabel="Distance to k-th neighbour"
                    markLabel="eps"
                    ariaLabel="k-distance chart"
                  />
                </CardBody>
              </Card>
            ) : null}
            <div className="grid gap-6 lg:grid-cols-2">
              <Card>
                <CardHeader
                  title="Clusters on a map"
                  description={`${fmt(r.scatter.length)} sampled customers on the two directions in which they differ most (principal components of the preprocessed features).`}
                />
                <CardBody>
                  {r.scatter.length ? (
                    <ClusterScatter points={r.scatter} names={names} variance={r.scatterVariance} />
                  ) : (
                    <p className="text-sm text-slate-500">One feature only: nothing to draw.</p>
                  )}
                </CardBody>
              </Card>
              <Card>
                <CardHeader title="Sizes" description="Customers per cluster." />
                <CardBody>
                  <ul className="space-y-2" data-testid="cluster-sizes">
                    {r.sizes.map((size, c) => (
                      <li key={c} className="text-sm">
                        <div className="flex justify-between">
                          <span className="font-medium text-slate-800">{names[c] ?? `Cluster ${c + 1}`}</span>
                          <span className="text-slate-600 tabular-nums">
                            {fmt(size)} ({((size / Math.max(run.population ?? 1, 1)) * 100).toFixed(1)} %)
                          </span>
                        </div>
                        <div className="mt-1 h-2 rounded-full bg-slate-100">
                          <div
                            className="h-2 rounded-full"
                            style={{ width: `${(size / Math.max(...r.sizes, 1)) * 100}%`, background: clusterColor(c) }}
                          />
                        </div>
                      </li>
                    ))}
                    {r.noise ? <li className="text-sm text-slate-600">Noise (in no dense group): {fmt(r.noise)}</li> : null}
                    {r.neverPurchased ? (
                      <li className="text-sm text-slate-600" data-testid="never-purchased-size">
                        Never purchased (kept apart, not clustered): {fmt(r.neverPurchased)}
                      </li>
                    ) : null}
                  </ul>
                </CardBody>
              </Card>
            </div>
            <Card>
              <CardHeader
                title="Profiles"
                description={`Mean and median of each feature's known values per cluster, against everyone clustered. Coloured cells differ most from everyone (by at least half a standard deviation): ▲ higher, ▼ lower; hover a cell for the difference.${p.preprocessing.missing === "drop" ? "" : ` Values that were missing and filled for the clustering (${{ median: "with the median", mean: "with the mean", zero: "with 0" }[p.preprocessing.missing]}) are counted under each cell.`}`}
              />
              <ProfileTable results={r} names={names} currency={currency} missing={p.preprocessing.missing} />
            </Card>
            <div className="grid gap-6 lg:grid-cols-2 xl:grid-cols-3">
              {r.profiles.map((profile) => (
                <ClusterCard
                  key={profile.cluster}
                  runId={run.id}
                  profile={profile}
                  name={names[profile.cluster] ?? profile.suggestedName}
                  canEdit={canEdit}
                  features={r.features.map((k) => describeClusterFeature(k).label)}
                  live={!!r.live}
                  liveNote={
                    p.algorithm.kind === "dbscan"
                      ? "A live segment takes the customers nearest to this cluster's centre; DBSCAN itself joins customers to dense groups through core points and leaves the rest as noise, so a live segment can differ from this cluster. A snapshot keeps exactly this run's members."
                      : undefined
                  }
                />
              ))}
              {r.neverPurchased ? (
                <ClusterCard
                  runId={run.id}
                  profile={null}
                  name="Never purchased"
                  canEdit={canEdit}
                  features={[]}
                  live={false}
                  group={{
                    cluster: NEVER_PURCHASED,
                    size: r.neverPurchased,
                    note: "Customers without a purchase, kept apart as their own group: their purchase features are missing, not low, so they were not clustered with the buyers.",
                  }}
                />
              ) : null}
              {r.noise && canEdit ? (
                <ClusterCard
                  runId={run.id}
                  profile={null}
                  name="Noise"
                  canEdit={canEdit}
                  features={[]}
                  live={false}
                  group={{ cluster: NOISE, size: r.noise, note: "Customers DBSCAN found in no dense group." }}
                />
              ) : null}
            </div>
          </>
        ) : null}
      </div>
    </>
  );
}
