"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ClusterRadar } from "@/components/charts/cluster-radar";
import { clusterColor } from "@/components/charts/cluster-colors";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import type { ClusterProfile } from "@/lib/clustering/runs/schemas";
import { clusterKeys, postJson } from "@/lib/query/clusters";
import { fetchJson } from "@/lib/query/fetch-json";
import { fmt } from "../../_components/describe-params";

const input =
  "w-full rounded-md border-0 px-2 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600";

/** One cluster (its radar, its name, renamable) or group (noise, never purchased), and "save as segment" (snapshot or live). */
export function ClusterCard({
  runId,
  profile,
  name,
  canEdit,
  features,
  live,
  liveNote,
  group,
}: {
  runId: string;
  profile: ClusterProfile | null;
  name: string;
  canEdit: boolean;
  features: string[];
  live: boolean;
  liveNote?: string;
  /** A group that is not a cluster (noise, never purchased): its stored number, size and what it is. */
  group?: { cluster: number; size: number; note: string };
}) {
  const cluster = profile?.cluster ?? group?.cluster ?? -1;
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(name);
  const [segmentName, setSegmentName] = useState(name);
  const rename = useMutation({
    mutationFn: () => fetchJson<{ clusterNames: string[] }>(`/api/v1/clusters/runs/${runId}/names`, postJson({ cluster, name: draft })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clusterKeys.detail(runId) }),
  });
  const save = useMutation({
    mutationFn: (mode: "snapshot" | "live") =>
      fetchJson<{ id: string }>(`/api/v1/clusters/runs/${runId}/segments`, postJson({ cluster, mode, name: segmentName })),
  });
  return (
    <Card>
      <CardBody className="space-y-3">
        <div className="flex items-center justify-between gap-2" data-testid={`cluster-card-${cluster}`}>
          <h3 className="flex items-center gap-2 font-semibold text-slate-900">
            <span className="inline-block size-3 rounded-full" style={{ background: clusterColor(cluster) }} />
            {name}
          </h3>
          <span className="text-sm text-slate-600 tabular-nums" data-testid="cluster-size">
            {fmt(profile?.size ?? group?.size ?? 0)} customers
          </span>
        </div>
        {profile ? (
          <>
            <p className="text-xs text-slate-500">
              Suggested name: “{profile.suggestedName}”{profile.standouts.length ? "" : " (nothing stands out: close to the average)"}
            </p>
            <ClusterRadar
              cluster={cluster}
              name={name}
              axes={profile.features.map((f, j) => ({ label: features[j] ?? f.key, difference: f.difference }))}
            />
          </>
        ) : (
          <p className="text-sm text-slate-600">{group?.note}</p>
        )}
        {canEdit ? (
          <div className="space-y-3 border-t border-slate-100 pt-3">
            {profile ? (
              <form
                className="flex items-end gap-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  rename.mutate();
                }}
              >
                <label className="flex-1 text-xs font-medium text-slate-600">
                  Cluster name
                  <input
                    className={input}
                    value={draft}
                    maxLength={80}
                    onChange={(e) => setDraft(e.target.value)}
                    aria-label={`Name of cluster ${cluster + 1}`}
                  />
                </label>
                <Button type="submit" variant="secondary" disabled={rename.isPending || !draft.trim() || draft === name}>
                  Rename
                </Button>
              </form>
            ) : null}
            {rename.error ? <p className="text-sm text-rose-600">{rename.error.message}</p> : null}
            <div className="space-y-2">
              <label className="block text-xs font-medium text-slate-600">
                Segment name
                <input
                  className={input}
                  value={segmentName}
                  maxLength={120}
                  onChange={(e) => setSegmentName(e.target.value)}
                  aria-label={`Segment name for cluster ${cluster + 1}`}
                />
              </label>
              <div className="flex flex-wrap gap-2">
                <Button
                  variant="secondary"
                  disabled={save.isPending || !segmentName.trim()}
                  onClick={() => save.mutate("snapshot")}
                  title="The customers in this cluster now; the list does not change."
                >
                  Save as segment (snapshot)
                </Button>
                {live && profile ? (
                  <Button
                    variant="secondary"
                    disabled={save.isPending || !segmentName.trim()}
                    onClick={() => save.mutate("live")}
                    title="Customers whose features put them nearest to this cluster's centre, kept up to date as their features change."
                  >
                    Save as live segment
                  </Button>
                ) : null}
              </div>
              {live && profile && liveNote ? <p className="text-xs text-slate-500">{liveNote}</p> : null}
              {save.error ? <p className="text-sm text-rose-600">{save.error.message}</p> : null}
              {save.data ? (
                <p className="text-sm text-emerald-700" role="status">
                  Saved.{" "}
                  <Link className="font-medium underline" href={`/segments/${save.data.id}`}>
                    Open the segment
                  </Link>{" "}
                  (its members are being counted).
                </p>
              ) : null}
            </div>
          </div>
        ) : null}
      </CardBody>
    </Card>
  );
}
