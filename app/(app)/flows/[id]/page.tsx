import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requireRole } from "@/lib/auth/require-role.server";
import { getFlow } from "@/lib/flows/get-flow";
import { flowStatusTone } from "../_components/flow-status";
import { listSegments } from "@/lib/segments/list-segments";
import { listTemplates } from "@/lib/templates/list-templates";
import { describeTrigger } from "../_components/describe-settings";
import { FlowSettingsPanel } from "./_components/flow-settings-panel";
import { FlowStepsPanel } from "./_components/flow-steps-panel";
import { FlowStatusControls } from "./_components/flow-status-controls";

export const metadata: Metadata = { title: "Flow" };

export default async function FlowPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("viewer");
  const [flow, templates, segmentList] = await Promise.all([getFlow((await params).id), listTemplates(), listSegments()]);
  const canEdit = hasRole(user.role, "marketer");
  const trigger = describeTrigger(flow.trigger, flow.segmentNames);
  const segments = segmentList.map((s) => ({ id: s.id, name: s.name, memberCount: s.memberCount }));
  return (
    <>
      <PageHeader
        title={flow.name}
        description={flow.description}
        actions={<Badge tone={flowStatusTone(flow.status)}>{flow.status === "active" ? "live" : flow.status}</Badge>}
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-4">
          <Card>
            <div className="p-4">
              <FlowSettingsPanel
                id={flow.id}
                status={flow.status}
                settings={{
                  name: flow.name,
                  description: flow.description,
                  trigger: flow.trigger,
                  reentry: flow.reentry,
                  exitOn: flow.exitOn,
                }}
                segments={segments}
                segmentNames={flow.segmentNames}
                canEdit={canEdit}
              />
            </div>
          </Card>
          <Card>
            <div className="p-4">
              <FlowStepsPanel
                id={flow.id}
                status={flow.status}
                trigger={`When someone ${trigger}`}
                steps={flow.steps}
                templateNames={flow.templateNames}
                templates={templates.map((t) => ({ id: t.id, name: t.current ? t.name : `${t.name} (only drafts: not sendable yet)` }))}
                segments={segments}
                canEdit={canEdit}
              />
            </div>
          </Card>
        </div>
        <div className="space-y-4">
          {canEdit ? (
            <Card>
              <div className="p-4">
                <FlowStatusControls id={flow.id} status={flow.status} inside={flow.inside} trigger={trigger} />
              </div>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
