import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/require-role.server";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { notFoundOnAppError } from "@/lib/http/not-found.server";
import { parseVariants } from "@/lib/experiments/campaign-variant";
import type { ExperimentInput } from "@/lib/experiments/schemas";
import { CampaignForm } from "../../_components/campaign-form";
import { loadFormOptions } from "../../_components/load-form-options";

export const metadata: Metadata = { title: "Edit campaign" };

export default async function EditCampaignPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("marketer");
  const { id } = await params;
  const c = await getCampaign(id).catch(notFoundOnAppError);
  if (c.status !== "draft") redirect(`/campaigns/${id}`);
  return (
    <>
      <PageHeader title={`Edit ${c.name}`} description="Drafts can be changed until they are sent." />
      <CampaignForm
        id={id}
        options={await loadFormOptions()}
        initial={{
          name: c.name,
          includeSegmentIds: c.includeSegmentIds,
          excludeSegmentIds: c.excludeSegmentIds,
          templateId: c.templateId ?? "",
          subject: c.subject,
          preheader: c.preheader,
          senderName: c.senderName,
          senderEmail: c.senderEmail,
          replyTo: c.replyTo,
          scheduleKind: c.scheduleKind,
          scheduledAt: c.scheduledAt,
          localHour: c.localHour,
          priority: c.priority,
          experiment: c.experiment
            ? ({
                ...c.experiment,
                variants: parseVariants(c.experiment.variants),
              } as ExperimentInput)
            : null,
        }}
      />
    </>
  );
}
