"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { ClusterRunSummary } from "@/lib/clustering/runs/schemas";
import { clusterQueries } from "@/lib/query/clusters";
import { describeAlgorithm, featureList } from "./describe-params";
import { RunStatusBadge } from "./run-status-badge";

/** The runs, newest first; live while one is queued or running. */
export function RunList({ initial, canEdit }: { initial: ClusterRunSummary[]; canEdit: boolean }) {
  const { data: runs } = useQuery({ ...clusterQueries.list(), initialData: initial });
  if (runs.length === 0) {
    return (
      <Card>
        <EmptyState title="No clustering runs yet">
          <p>
            A run groups customers by the features you choose (recency, purchases, spend, engagement…). You then see what sets each group
            apart and can save a group as a segment.
          </p>
          {canEdit ? <LinkButton href="/clusters/new">Start your first run</LinkButton> : <p>Ask a marketer or admin to start one.</p>}
        </EmptyState>
      </Card>
    );
  }
  return (
    <Card>
      <DataTable columns={["Run", "Method", { label: "Customers", align: "right" }, { label: "Clusters", align: "right" }, "Status"]}>
        {runs.map((r) => (
          <tr key={r.id} className="hover:bg-slate-50">
            <td className="px-5 py-2">
              <Link href={`/clusters/${r.id}`} className="font-medium text-indigo-600 hover:underline">
                {r.name}
              </Link>
              <p className="text-xs text-slate-500">{featureList(r.params)}</p>
            </td>
            <td className="px-5 py-2 text-slate-600">{describeAlgorithm(r.params)}</td>
            <td className="px-5 py-2 text-right tabular-nums">{r.population?.toLocaleString("en-GB") ?? "–"}</td>
            <td className="px-5 py-2 text-right tabular-nums">{r.k ?? "–"}</td>
            <td className="w-56 px-5 py-2">
              {r.status === "running" ? (
                <ProgressBar value={r.progress} label={`Progress of ${r.name}`} />
              ) : (
                <RunStatusBadge status={r.status} />
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </Card>
  );
}
