"use client";

import { useMutation } from "@tanstack/react-query";
import { DistanceChart } from "@/components/charts/distance-chart";
import { Button } from "@/components/ui/button";
import type { ClusterRunInput, KDistancePreview as Preview } from "@/lib/clustering/runs/schemas";
import { postJson } from "@/lib/query/clusters";
import { fetchJson } from "@/lib/query/fetch-json";

/** DBSCAN's eps helper: the k-distance chart of a sample with the form's features and preprocessing. */
export function KDistancePreview({
  input,
  minPts,
  eps,
  onUseEps,
}: {
  input: ClusterRunInput;
  minPts: number;
  eps: number;
  onUseEps: (eps: number) => void;
}) {
  const preview = useMutation({ mutationFn: () => fetchJson<Preview>("/api/v1/clusters/k-distances", postJson({ input, minPts })) });
  return (
    <div className="w-full space-y-2 rounded-lg bg-slate-50 p-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="secondary" disabled={preview.isPending} onClick={() => preview.mutate()}>
          {preview.isPending ? "Computing…" : "Show the k-distance chart"}
        </Button>
        {preview.data?.suggestedEps ? (
          <Button type="button" variant="ghost" onClick={() => onUseEps(preview.data.suggestedEps!)}>
            Use eps = {preview.data.suggestedEps} (the knee)
          </Button>
        ) : null}
      </div>
      {preview.error ? <p className="text-sm text-rose-600">{preview.error.message}</p> : null}
      {preview.data ? (
        <>
          <p className="text-xs text-slate-500">
            Distance of each of {preview.data.sampleSize.toLocaleString("en-GB")} sampled customers to its {minPts}-th nearest neighbour
            (preprocessed units), largest first. Points above eps become noise unless near a dense group.
          </p>
          <DistanceChart
            values={preview.data.values}
            marked={eps}
            xLabel="Sampled customers, sorted"
            yLabel={`Distance to ${minPts}-th neighbour`}
            markLabel={`eps = ${eps}`}
            ariaLabel="k-distance chart for choosing eps"
          />
        </>
      ) : null}
    </div>
  );
}
