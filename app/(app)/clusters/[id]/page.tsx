import type { Metadata } from "next";
import { hasRole } from "@/lib/auth/roles";
import { requireRole } from "@/lib/auth/require-role.server";
import { getClusterRun } from "@/lib/clustering/runs/get-cluster-run";
import { notFoundOnAppError } from "@/lib/http/not-found.server";
import { getSegment } from "@/lib/segments/get-segment";
import { getSettings } from "@/lib/settings/get-settings";
import { RunDetail } from "./_components/run-detail";
import { BackLink } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Clustering run" };

export default async function ClusterRunPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("viewer");
  const { id } = await params;
  const [run, settings] = await Promise.all([getClusterRun({ id }).catch(notFoundOnAppError), getSettings()]);
  const segment = run.params.segmentId ? await getSegment({ id: run.params.segmentId }).catch(() => null) : null;
  return (
    <>
      <BackLink href="/clusters">Clusters</BackLink>
      <div className="mt-2">
        <RunDetail
          initial={run}
          canEdit={hasRole(user.role, "marketer")}
          timeZone={settings.timeZone}
          currency={settings.currency}
          segmentName={segment?.name ?? null}
        />
      </div>
    </>
  );
}
