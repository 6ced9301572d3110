import type { Metadata } from "next";
import Link from "next/link";
import { formatDate, formatDateTime } from "@/components/format";
import { buttonClasses } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requireRole } from "@/lib/auth/require-role.server";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { getCampaignProgress } from "@/lib/campaigns/get-campaign-progress";
import { getCampaignReport } from "@/lib/campaigns/get-campaign-report";
import { reviewCampaign } from "@/lib/campaigns/review-campaign";
import { getExperimentReport } from "@/lib/experiments/get-experiment-report";
import { notFoundOnAppError } from "@/lib/http/not-found.server";
import { getSettings } from "@/lib/settings/get-settings";
import { CampaignControls, SendConfirm } from "../_components/campaign-controls";
import { CampaignReportView } from "../_components/campaign-report-view";
import { CampaignStatusBadge } from "../_components/campaign-status-badge";
import { ExperimentReportView } from "../_components/experiment-report-view";
import { experimentEffect, ExperimentSummary, type ExperimentPlan } from "../_components/experiment-summary";
import { LiveProgress } from "../_components/live-progress";
import { ReviewPanel } from "../_components/review-panel";

export const metadata: Metadata = { title: "Campaign" };

export default async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("viewer");
  const { id } = await params;
  const [c, settings] = await Promise.all([getCampaign(id).catch(notFoundOnAppError), getSettings()]);
  const canEdit = hasRole(user.role, "marketer");
  const when =
    c.scheduleKind === "now"
      ? "now"
      : c.scheduleKind === "at"
        ? `at ${formatDateTime(c.scheduledAt, settings.timeZone)}`
        : `at ${String(c.localHour).padStart(2, "0")}:00 in each recipient's time zone on ${formatDate(c.scheduledAt, settings.timeZone)}`;
  const draft = c.status === "draft";
  const [review, progress, report, experiment] = await Promise.all([
    draft ? reviewCampaign({ id }) : null,
    draft ? null : getCampaignProgress(id),
    draft || c.status === "scheduled" ? null : getCampaignReport(id),
    c.experiment ? getExperimentReport(id) : null,
  ]);
  const plan: ExperimentPlan | null = experiment
    ? { ...experiment, variants: experiment.variants.map((v) => ({ key: v.key, value: v.value })) }
    : null;
  return (
    <>
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            {c.name} <CampaignStatusBadge status={c.status} />
          </span>
        }
        description={
          <>
            {c.template ? (
              <Link className="text-indigo-600 hover:underline" href={`/templates/${c.template.id}`}>
                {c.template.name}
              </Link>
            ) : (
              "Template deleted"
            )}
            {c.templateVersion ? ` · version ${c.templateVersion.number}` : ""}
            {draft ? ` · to send ${when}` : c.startedAt ? "" : ` · sending ${when}`}
            {c.startedAt ? ` · started ${formatDateTime(c.startedAt, settings.timeZone)}` : ""}
            {c.finishedAt ? ` · finished ${formatDateTime(c.finishedAt, settings.timeZone)}` : ""}
          </>
        }
        actions={
          canEdit ? (
            draft ? (
              <Link href={`/campaigns/${id}/edit`} className={buttonClasses("secondary")}>
                Edit
              </Link>
            ) : (
              <CampaignControls id={id} status={c.status} />
            )
          ) : null
        }
      />
      <div className="space-y-6">
        {c.status === "failed" && c.error ? (
          <Alert tone="error" title="The campaign could not be sent">
            {c.error}
          </Alert>
        ) : null}
        {review ? (
          <>
            <ReviewPanel review={review} />
            {plan ? <ExperimentSummary experiment={plan} willReceive={review.funnel.willReceive} /> : null}
            {canEdit ? (
              <Card>
                <CardHeader title="Send" description="Nothing has been sent yet." />
                <CardBody>
                  <SendConfirm
                    id={id}
                    name={c.name}
                    willReceive={review.funnel.willReceive}
                    when={when}
                    effect={plan ? experimentEffect(plan, review.funnel.willReceive) : undefined}
                    disabled={review.problem !== null}
                  />
                </CardBody>
              </Card>
            ) : null}
          </>
        ) : null}
        {c.status === "scheduled" ? (
          <Alert tone="info" title="Scheduled">
            It will be sent {when}. The audience is counted and frozen at that moment.
          </Alert>
        ) : null}
        {progress ? (
          <Card>
            <CardHeader title="Progress" />
            <CardBody>
              <LiveProgress id={id} initial={progress} />
            </CardBody>
          </Card>
        ) : null}
        {experiment && !draft && c.status !== "scheduled" ? (
          <ExperimentReportView
            report={experiment}
            timeZone={settings.timeZone}
            csvHref={canEdit ? `/api/v1/campaigns/${id}/report?part=experiment` : undefined}
          />
        ) : null}
        {report ? (
          <CampaignReportView
            id={id}
            report={report}
            timeZone={settings.timeZone}
            canExport={canEdit}
            linksByVariant={experiment?.linksByVariant}
          />
        ) : null}
      </div>
    </>
  );
}
