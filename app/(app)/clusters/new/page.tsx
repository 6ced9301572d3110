import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/require-role.server";
import { getClusterRun } from "@/lib/clustering/runs/get-cluster-run";
import { listClusterOptions } from "@/lib/clustering/runs/list-cluster-options";
import type { ClusterRunInput } from "@/lib/clustering/runs/schemas";
import { firstValues, type RawSearchParams } from "@/lib/http/search-params";
import { RunForm } from "./_components/run-form";

export const metadata: Metadata = { title: "New clustering run" };

export default async function NewClusterRunPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireRole("marketer");
  const query = firstValues(await searchParams);
  const options = await listClusterOptions();
  let start: ClusterRunInput | null = null;
  if (typeof query.from === "string") {
    const from = await getClusterRun({ id: query.from }).catch(() => null);
    if (from) {
      start = { ...from.params, name: "" };
      const k = Number(query.k);
      const height = Number(query.height);
      const a = start.algorithm;
      if (Number.isInteger(k) && k >= 2 && a.kind === "kmeans") start = { ...start, algorithm: { ...a, k } };
      if (Number.isInteger(k) && k >= 2 && a.kind === "ward") start = { ...start, algorithm: { ...a, cut: { by: "k", k } } };
      if (query.height !== undefined && height > 0 && a.kind === "ward")
        start = { ...start, algorithm: { ...a, cut: { by: "height", height } } };
    }
  }
  return (
    <>
      <PageHeader
        back={{ href: "/clusters", label: "Clusters" }}
        title="New clustering run"
        description="Choose who to cluster, on which features, how to prepare them and which method to use. The run works in the background; you can follow it and cancel it."
      />
      <RunForm options={options} start={start} />
    </>
  );
}
