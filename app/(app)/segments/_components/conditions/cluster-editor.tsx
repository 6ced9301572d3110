"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { clusterQueries } from "@/lib/query/clusters";
import { control } from "../suggest-input";
import type { ConditionEditorProps, ConditionOf } from "./editor-props";

/**
 * The "in cluster X of run R" condition: a finished run, one of its clusters, and snapshot (the
 * customers the run put there) or live (nearest to its centre now; the run's preprocessing and
 * centres are copied into the condition).
 */
export function ClusterEditor({ condition: c, onChange }: ConditionEditorProps<ConditionOf<"cluster">>) {
  const set = (patch: Partial<ConditionOf<"cluster">>) => onChange({ ...c, ...patch });
  const queryClient = useQueryClient();
  const { data: runs } = useQuery(clusterQueries.list());
  const finished = (runs ?? []).filter((r) => r.status === "succeeded");
  const runId = c.runId;
  const run = finished.find((r) => r.id === runId);
  const cluster = c.cluster;
  const live = c.live === true;
  /** Sets run, cluster and mode together; a live condition gets the run's model. */
  const choose = async (next: { runId: string; cluster: number; live: boolean }) => {
    const chosen = finished.find((r) => r.id === next.runId);
    const label = chosen?.clusterNames[next.cluster] ?? `Cluster ${next.cluster + 1}`;
    if (!next.live || !next.runId) return set({ ...next, label, model: undefined });
    const detail = await queryClient.fetchQuery(clusterQueries.detail(next.runId));
    set({ ...next, label, model: detail.results?.live ?? undefined });
  };
  if (runs && finished.length === 0)
    return <span className="text-sm text-slate-500">No finished clustering run yet: run one on the Clusters page first.</span>;
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
        {(run?.clusterNames ?? []).map((name, i) => (
          <option key={i} value={i}>
            {name || `Cluster ${i + 1}`}
          </option>
        ))}
      </select>
      <select
        aria-label="Snapshot or live"
        className={control}
        value={live ? "live" : "snapshot"}
        disabled={!run}
        onChange={(e) => void choose({ runId, cluster, live: e.target.value === "live" })}
      >
        <option value="snapshot">as the run put them (snapshot)</option>
        <option value="live">nearest to its centre now (live)</option>
      </select>
    </>
  );
}
