import type { Metadata } from "next";
import { LinkButton } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requireRole } from "@/lib/auth/require-role.server";
import { listClusterRuns } from "@/lib/clustering/runs/get-cluster-run";
import { RunList } from "./_components/run-list";

export const metadata: Metadata = { title: "Clusters" };

export default async function ClustersPage() {
  const user = await requireRole("viewer");
  const runs = await listClusterRuns();
  const canEdit = hasRole(user.role, "marketer");
  return (
    <>
      <PageHeader
        title="Clusters"
        description="Discover natural groups of customers in their behaviour, read what sets each group apart, and save the useful ones as segments."
        actions={
          <>
            {runs.filter((r) => r.status === "succeeded").length >= 2 ? (
              <LinkButton href="/clusters/compare" variant="secondary">
                Compare runs
              </LinkButton>
            ) : null}
            {canEdit ? <LinkButton href="/clusters/new">New clustering run</LinkButton> : null}
          </>
        }
      />
      <RunList initial={runs} canEdit={canEdit} />
    </>
  );
}
