"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { clusterColor } from "@/components/charts/cluster-colors";
import { DendrogramChart } from "@/components/charts/dendrogram-chart";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cutTruncatedTree, type TreeCut, type TruncatedTree } from "@/lib/clustering/algorithms/dendrogram";
import type { ClusterRunInput } from "@/lib/clustering/runs/schemas";
import { postJson } from "@/lib/query/clusters";
import { fetchJson } from "@/lib/query/fetch-json";
import { fmt } from "../../_components/describe-params";

const control =
  "rounded-md border-0 px-2 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600";
const sameCut = (a: TreeCut, b: TreeCut) =>
  a.by === "k" && b.by === "k" ? a.k === b.k : a.by === "height" && b.by === "height" ? a.height === b.height : false;

/**
 * The dendrogram of a Ward run with its cut, and "cut here": choose another number of clusters or
 * height (or click the chart), see the clusters it gives on the drawn tree, and start a new run with
 * the same parameters and seed cut there.
 */
export function DendrogramCard({
  runId,
  runName,
  tree,
  params,
  names,
  canEdit,
}: {
  runId: string;
  runName: string;
  tree: TruncatedTree;
  params: ClusterRunInput;
  names: string[];
  canEdit: boolean;
}) {
  const router = useRouter();
  const runCut: TreeCut = params.algorithm.kind === "ward" ? params.algorithm.cut : { by: "k", k: 2 };
  const [by, setBy] = useState<TreeCut["by"]>(runCut.by);
  const [kText, setKText] = useState(String(runCut.by === "k" ? runCut.k : 4));
  const [heightText, setHeightText] = useState(runCut.by === "height" ? String(runCut.height) : "");
  const current = cutTruncatedTree(tree, runCut);
  const proposed: TreeCut = by === "k" ? { by, k: Number(kText) } : { by, height: heightText.trim() === "" ? NaN : Number(heightText) };
  const preview = cutTruncatedTree(tree, proposed);
  const changed = !sameCut(proposed, runCut);
  const shown = changed && preview.ok ? preview : current;
  const start = useMutation({
    mutationFn: () => {
      if (params.algorithm.kind !== "ward") throw new Error("Only a hierarchical run can be cut again.");
      const cut = proposed.by === "k" ? { by: "k" as const, k: proposed.k } : { by: "height" as const, height: proposed.height };
      const name = `${runName.replace(/ — cut (into|at) .*$/, "").slice(0, 90)} — cut ${cut.by === "k" ? `into ${cut.k} clusters` : `at height ${cut.height}`}`;
      return fetchJson<{ id: string }>("/api/v1/clusters/runs", postJson({ ...params, name, algorithm: { ...params.algorithm, cut } }));
    },
    onSuccess: (r) => router.push(`/clusters/${r.id}`),
  });
  if (!shown.ok) {
    // The stored tree cannot show this run's own cut (more clusters than the drawing holds).
    return (
      <Card>
        <CardHeader title="Dendrogram" />
        <CardBody>
          <p className="text-sm text-slate-600">{shown.message}</p>
        </CardBody>
      </Card>
    );
  }
  const legendName = (c: number) => (changed ? `Cluster ${c + 1}` : (names[c] ?? `Cluster ${c + 1}`));
  const formLink = `/clusters/new?from=${runId}&${by === "k" ? `k=${kText}` : `height=${heightText}`}`;
  return (
    <Card>
      <CardHeader
        title="Dendrogram (Ward's tree)"
        description={`The top of the tree built on a seeded sample of ${fmt(tree.rows)} customers: each leaf at the bottom is a group of sampled customers, and two groups join at the height of their Ward distance (how much the within-cluster spread grows when they merge). Cutting with a horizontal line gives the clusters; a long stretch without merges is a natural place to cut. The rest of the population joins the nearest cluster centre.`}
      />
      <CardBody className="space-y-4">
        <DendrogramChart
          tree={tree}
          cut={shown}
          otherCut={changed && preview.ok ? { height: current.ok ? current.height : 0, label: "this run's cut" } : null}
          onPickHeight={(h) => {
            setBy("height");
            setHeightText(String(h));
          }}
        />
        <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm text-slate-700" data-testid="dendrogram-legend">
          {shown.sizes.map((size, c) => (
            <li key={c} className="flex items-center gap-1.5">
              <span className="inline-block size-3 rounded-full" style={{ background: clusterColor(c) }} />
              {legendName(c)} <span className="text-slate-500 tabular-nums">({fmt(size)} sampled)</span>
            </li>
          ))}
        </ul>
        <div className="rounded-lg bg-slate-50 p-4 text-sm text-slate-700" data-testid="recut">
          <p className="font-medium text-slate-800">Cut elsewhere</p>
          <div className="mt-2 flex flex-wrap items-end gap-3">
            <label>
              Cut
              <select
                aria-label="Cut the tree by"
                className={`${control} ml-2`}
                value={by}
                onChange={(e) => setBy(e.target.value as TreeCut["by"])}
              >
                <option value="k">into a number of clusters</option>
                <option value="height">at a height</option>
              </select>
            </label>
            {by === "k" ? (
              <label>
                Clusters
                <input
                  type="number"
                  aria-label="Number of clusters to cut into"
                  min={2}
                  max={30}
                  className={`${control} ml-2 w-20`}
                  value={kText}
                  onChange={(e) => setKText(e.target.value)}
                />
              </label>
            ) : (
              <label>
                Height
                <input
                  type="number"
                  aria-label="Height to cut at"
                  step="any"
                  min={0}
                  className={`${control} ml-2 w-28`}
                  value={heightText}
                  placeholder="click the chart"
                  onChange={(e) => setHeightText(e.target.value)}
                />
              </label>
            )}
            {canEdit ? (
              <Button type="button" disabled={!changed || !preview.ok || start.isPending} onClick={() => start.mutate()}>
                {start.isPending ? "Starting…" : "Start a run cut here"}
              </Button>
            ) : null}
            {canEdit && changed && preview.ok ? (
              <Link className="text-sm font-medium text-indigo-600 hover:underline" href={formLink}>
                or change other parameters first
              </Link>
            ) : null}
          </div>
          <p className="mt-2" data-testid="recut-preview" role="status">
            {!preview.ok ? (
              <span className="text-rose-700">{preview.message}</span>
            ) : changed ? (
              <>
                This cut gives <strong>{preview.k} clusters</strong> on the drawn sample ({preview.sizes.map(fmt).join(", ")} customers). A
                new run with the same features, preprocessing, sample and seed is cut there and assigns everyone again; it reads
                today&apos;s data, so if customers changed since this run its tree can differ slightly.
              </>
            ) : (
              <>
                This run&apos;s cut: {preview.k} clusters. Choose another number of clusters or height, or click the chart at a height, to
                preview another cut.
              </>
            )}
          </p>
          {start.error ? <p className="mt-2 text-rose-700">The new run was not started: {start.error.message}</p> : null}
        </div>
      </CardBody>
    </Card>
  );
}
