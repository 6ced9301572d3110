import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/require-role.server";
import { listClusterRuns } from "@/lib/clustering/runs/get-cluster-run";
import { firstValues, type RawSearchParams } from "@/lib/http/search-params";
import { CompareRuns } from "./_components/compare-runs";

export const metadata: Metadata = { title: "Compare clustering runs" };

export default async function CompareRunsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireRole("viewer");
  const query = firstValues(await searchParams);
  const runs = (await listClusterRuns()).filter((r) => r.status === "succeeded").map((r) => ({ id: r.id, name: r.name, k: r.k ?? 0 }));
  return (
    <>
      <PageHeader
        back={{ href: "/clusters", label: "Clusters" }}
        title="Compare two runs"
        description="How the customers of one run's clusters are spread over another run's clusters: stable groups stay together, split groups spread."
      />
      <CompareRuns runs={runs} initialA={query.a ?? runs[1]?.id ?? ""} initialB={query.b ?? runs[0]?.id ?? ""} />
    </>
  );
}
