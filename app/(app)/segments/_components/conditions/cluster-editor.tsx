"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { plural } from "@/components/format";
import { clusterLabel, NEVER_PURCHASED, NOISE } from "@/lib/clustering/runs/schemas";
import { clusterQueries } from "@/lib/query/clusters";
import { control } from "../suggest-input";
import type { ConditionEditorProps, ConditionOf } from "./editor-props";

/**
 * The "in cluster X of run R" condition: a finished run, one of its clusters (or the groups it kept
 * outside the clusters: the customers who never purchased, DBSCAN's noise), and snapshot (the
 * customers the run put there) or live (nearest to its centre now; the run's preprocessing and
 * centres are copied into the condition). The groups have no centre: snapshot only.
 */
export function ClusterEditor({ condition: c, onChange }: ConditionEditorProps<ConditionOf<"cluster">>) {
  const set = (patch: Partial<ConditionOf<"cluster">>) => onChange({ ...c, ...patch });
  const queryClient = useQueryClient();
  const { data: runs } = useQuery(clusterQueries.list());
  const finished = (runs ?? []).filter((r) => r.status === "succeeded");
  const runId = c.runId;
  const run = finished.find((r) => r.id === runId);
  // The run's sizes, and whether it kept a never-purchased group or noise apart.
  const { data: detail } = useQuery({ ...clusterQueries.detail(runId), enabled: !!run });
  const results = detail?.id === runId ? detail.results : null;
  const cluster = c.cluster;
  const group = cluster < 0;
  const live = c.live === true && !group;
  /** Sets run, cluster and mode together; a live condition gets the run's model, a group is a snapshot. */
  const choose = async (next: { runId: string; cluster: number; live: boolean }) => {
    const chosen = finished.find((r) => r.id === next.runId);
    const label = clusterLabel(next.cluster, chosen?.clusterNames ?? []);
    const asLive = next.live && next.cluster >= 0;
    if (!asLive || !next.runId) return set({ ...next, live: false, label, model: undefined });
    const chosenDetail = await queryClient.fetchQuery(clusterQueries.detail(next.runId));
    set({ ...next, label, model: chosenDetail.results?.live ?? undefined });
  };
  if (runs && finished.length === 0)
    return <span className="text-sm text-slate-500">No finished clustering run yet: run one on the Clusters page first.</span>;
  const size = (n: number | undefined) => (n === undefined ? "" : ` · ${plural(n, "customer")}`);
  const groups: { value: number; text: string }[] = [
    ...(run?.clusterNames ?? []).map((_, i) => ({ value: i, text: `${clusterLabel(i, run!.clusterNames)}${size(results?.sizes[i])}` })),
    ...(results?.neverPurchased || cluster === NEVER_PURCHASED
      ? [{ value: NEVER_PURCHASED, text: `Never purchased (kept apart)${size(results?.neverPurchased)}` }]
      : []),
    ...(results?.noise || cluster === NOISE ? [{ value: NOISE, text: `Noise: in no cluster${size(results?.noise)}` }] : []),
  ];
  return (
    <>
      <select
        aria-label="Clustering run"
        className={control}
        value={runId}
        onChange={(e) => void choose({ runId: e.target.value, cluster: 0, live })}
      >
        <option value="">choose a run…</option>
        {finished.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </select>
      <select
        aria-label="Cluster"
        className={control}
        value={cluster}
        disabled={!run}
        onChange={(e) => void choose({ runId, cluster: Number(e.target.value), live })}
      >
        {groups.map((g) => (
          <option key={g.value} value={g.value}>
            {g.text}
          </option>
        ))}
      </select>
      <select
        aria-label="Snapshot or live"
        className={`${control} disabled:bg-slate-50 disabled:text-slate-600`}
        value={live ? "live" : "snapshot"}
        disabled={!run || group}
        title={group ? "This group has no centre to follow: it is the customers as the run put them." : undefined}
        onChange={(e) => void choose({ runId, cluster, live: e.target.value === "live" })}
      >
        <option value="snapshot">as the run put them (snapshot)</option>
        <option value="live">nearest to its centre now (live)</option>
      </select>
      {cluster === NEVER_PURCHASED && run ? (
        <p className="w-full text-xs text-slate-600" data-testid="never-purchased-note">
          Customers who had never purchased when this run was made: the run kept them out of its clusters. They are not buyers; a later
          purchase does not move them out of this snapshot.
        </p>
      ) : null}
    </>
  );
}
