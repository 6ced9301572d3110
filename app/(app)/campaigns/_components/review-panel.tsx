import { PreviewFrame } from "@/components/templates/preview-frame";
import { formatNumber } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { CampaignReview } from "@/lib/campaigns/review-campaign";

/** The funnel counted now and the email as a few recipients will get it. */
export function ReviewPanel({ review }: { review: CampaignReview }) {
  const f = review.funnel;
  const out = [
    [f.withoutConsent, "without email consent"],
    [f.suppressed, "suppressed"],
    [f.overCap, "over the frequency cap"],
    [f.withoutAddress, "without an address"],
  ] as const;
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="Who will receive it" description="Counted now; counted again and frozen at the moment of sending." />
        <CardBody>
          <p className="text-lg text-slate-900" data-testid="funnel">
            <span className="font-semibold tabular-nums">{formatNumber(f.inSegments)}</span> in segments →{" "}
            <span className="font-semibold text-indigo-700 tabular-nums">{formatNumber(f.willReceive)}</span> will receive:{" "}
            {out.map(([count, label], i) => (
              <span key={label}>
                <span className="tabular-nums">{formatNumber(count)}</span> {label}
                {i < out.length - 1 ? ", " : ""}
              </span>
            ))}
          </p>
          {f.inSegments === 0 ? (
            <p className="mt-2 text-sm text-slate-600">
              The chosen segments have no members: pick other segments, or wait for them to build.
            </p>
          ) : null}
        </CardBody>
      </Card>
      {review.problem ? (
        <Alert tone="error" title="This campaign cannot be sent as it is">
          {review.problem}
        </Alert>
      ) : null}
      {review.previews.length > 0 ? (
        <Card>
          <CardHeader
            title="Preview for sampled recipients"
            description={`Template version ${review.templateVersion?.number ?? "—"}, rendered exactly as it will be sent (links go through Tailor to count clicks).`}
          />
          <CardBody className="grid gap-6 xl:grid-cols-3">
            {review.previews.map((p) => (
              <article key={p.customerId} className="min-w-0 space-y-2" aria-label={`Preview for ${p.name}`}>
                <p className="text-sm text-slate-600">
                  {p.variant ? (
                    <span className="mr-1 rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-semibold text-indigo-700">
                      Variant {p.variant}
                    </span>
                  ) : null}
                  To <span className="font-medium text-slate-900">{p.name}</span> {p.email ? `<${p.email}>` : ""}
                </p>
                {p.error ? (
                  <Alert tone="error">{p.error}</Alert>
                ) : (
                  <>
                    <p className="text-sm font-semibold text-slate-900">{p.subject}</p>
                    <p className="truncate text-xs text-slate-500">{p.preheader}</p>
                    <PreviewFrame html={p.html} width="desktop" stale={false} />
                  </>
                )}
              </article>
            ))}
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}
