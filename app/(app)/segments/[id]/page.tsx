import { isSnapshotRules } from "@/lib/segments/is-snapshot";
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requireRole } from "@/lib/auth/require-role.server";
import { notFoundOnAppError } from "@/lib/http/not-found.server";
import { getSegment } from "@/lib/segments/get-segment";
import { SegmentBuilder } from "../_components/segment-builder";
import { SegmentStatusBar } from "../_components/segment-status-bar";

export const metadata: Metadata = { title: "Segment" };

export default async function SegmentPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("viewer");
  const { id } = await params;
  const segment = await getSegment({ id }).catch(notFoundOnAppError);
  const canEdit = hasRole(user.role, "marketer");
  return (
    <>
      <PageHeader
        back={{ href: "/segments", label: "Segments" }}
        title={segment.name}
        description={segment.description || "No description."}
      />
      <div className="mb-4">
        <SegmentStatusBar segmentId={segment.id} canEdit={canEdit} snapshot={isSnapshotRules(segment.rules)} />
      </div>
      <SegmentBuilder
        key={segment.id}
        segmentId={segment.id}
        initialName={segment.name}
        initialDescription={segment.description}
        initialRules={segment.rules}
        canEdit={canEdit}
      />
    </>
  );
}
