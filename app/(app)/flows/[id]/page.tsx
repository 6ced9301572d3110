import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requireRole } from "@/lib/auth/require-role.server";
import { getFlow } from "@/lib/flows/get-flow";
import { flowStatusTone } from "../_components/flow-status";
import { listTemplates } from "@/lib/templates/list-templates";
import { FlowStepsPanel } from "./_components/flow-steps-panel";
import { FlowStatusControls } from "./_components/flow-status-controls";

export const metadata: Metadata = { title: "Flow" };

const reentryLabel = { once: "once ever", every_time: "every time (never twice at once)", once_per_days: "at most once per" } as const;

export default async function FlowPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("viewer");
  const [flow, templates] = await Promise.all([getFlow((await params).id), listTemplates()]);
  const canEdit = hasRole(user.role, "marketer");
  const trigger =
    flow.trigger.kind === "event"
      ? `does “${flow.trigger.event}”${flow.trigger.where.length ? ` (${flow.trigger.where.map((w) => `${w.key} ${w.op} ${w.value ?? ""}`.trim()).join(", ")})` : ""}`
      : `enters the segment “${flow.segmentName ?? "a deleted segment"}”`;
  const reentry =
    flow.reentry.kind === "once_per_days" ? `${reentryLabel.once_per_days} ${flow.reentry.days} days` : reentryLabel[flow.reentry.kind];
  return (
    <>
      <PageHeader
        title={flow.name}
        description={flow.description}
        actions={<Badge tone={flowStatusTone(flow.status)}>{flow.status === "active" ? "live" : flow.status}</Badge>}
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <Card>
          <div className="p-4">
            <FlowStepsPanel
              id={flow.id}
              status={flow.status}
              trigger={`When someone ${trigger}`}
              steps={flow.steps}
              templateNames={flow.templateNames}
              templates={templates.map((t) => ({ id: t.id, name: t.current ? t.name : `${t.name} (only drafts: not sendable yet)` }))}
              canEdit={canEdit}
            />
          </div>
        </Card>
        <div className="space-y-4">
          <Card>
            <div className="space-y-2 p-4 text-sm text-slate-700">
              <p>
                <span className="font-semibold">Enters:</span> {reentry}.
              </p>
              <p>
                <span className="font-semibold">Leaves at once when they do:</span>{" "}
                {flow.exitOn.length ? flow.exitOn.map((m) => `“${m.event}”`).join(" or ") : "nothing set"}.
              </p>
              <p className="text-xs text-slate-500">
                Editing a live flow: people stay at their step if it still exists (a wait keeps its due time) and continue along the new
                steps; they leave the flow if their step was removed.
              </p>
            </div>
          </Card>
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
