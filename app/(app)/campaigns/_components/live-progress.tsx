"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { ProgressBar } from "@/components/ui/progress-bar";
import { StatCard } from "@/components/ui/stat-card";
import type { CampaignProgress } from "@/lib/campaigns/get-campaign-progress";
import { skipReasonLabels, type SkipReason } from "@/lib/campaigns/schemas";
import { fetchJson } from "@/lib/query/fetch-json";

const n = (v: number) => v.toLocaleString("en-GB");

function eta(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 60) return `${seconds} s`;
  const m = Math.round(seconds / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** The send ledger while the campaign sends: polled every second, the page refreshed when the status changes. */
export function LiveProgress({ id, initial }: { id: string; initial: CampaignProgress }) {
  const router = useRouter();
  const { data, error } = useQuery({
    queryKey: ["campaigns", id, "progress"],
    queryFn: () => fetchJson<CampaignProgress>(`/api/v1/campaigns/${id}/progress`),
    initialData: initial,
    refetchInterval: (q) => (q.state.data && ["scheduled", "sending"].includes(q.state.data.status) ? 1000 : false),
    refetchIntervalInBackground: true,
  });
  const status = useRef(initial.status);
  useEffect(() => {
    if (data.status !== status.current) {
      status.current = data.status;
      router.refresh();
    }
  }, [data.status, router]);
  const { byState } = data;
  // Rows held for an experiment's winner are still to be sent.
  const remaining = byState.queued + byState.sending + data.held;
  const done = data.total - remaining;
  const notStarted = data.total === 0 && (data.status === "scheduled" || data.status === "sending");
  const skipped = Object.entries(data.skippedBy).filter(([, v]) => (v ?? 0) > 0);
  return (
    <section aria-label="Sending progress" className="space-y-4">
      {error ? <Alert tone="warning">Progress could not be refreshed: {error.message}</Alert> : null}
      {notStarted ? (
        <p className="text-sm text-slate-600" role="status">
          Not started yet: when the campaign starts, its audience is counted and frozen into the send ledger, and the counts of sent,
          remaining, failed and skipped messages fill in here as they go out.
        </p>
      ) : null}
      <ProgressBar value={data.total > 0 ? (100 * done) / data.total : 0} label="Recipients done" />
      {notStarted ? null : (
        <div className="grid gap-4 sm:grid-cols-3 lg:grid-cols-6">
          <StatCard label="Sent" value={n(byState.sent)} />
          <StatCard
            label="Remaining"
            value={n(remaining)}
            detail={
              [byState.sending ? `${n(byState.sending)} in flight` : "", data.held ? `${n(data.held)} held for the winner` : ""]
                .filter(Boolean)
                .join(", ") || undefined
            }
          />
          <StatCard label="Failed" value={n(byState.failed)} detail="Refused by the mail server" />
          <StatCard label="Skipped" value={n(byState.skipped)} />
          <StatCard label="Rate" value={`${data.ratePerSecond.toFixed(1)}/s`} detail="Emails per second, last minute" />
          <StatCard
            label="Time left"
            value={data.finished ? "Done" : eta(data.etaSeconds)}
            detail={data.status === "paused" ? "Paused" : undefined}
          />
        </div>
      )}
      {skipped.length > 0 ? (
        <p className="text-sm text-slate-600">
          Skipped: {skipped.map(([reason, count]) => `${n(count ?? 0)} ${skipReasonLabels[reason as SkipReason] ?? reason}`).join(", ")}.
        </p>
      ) : null}
      {data.possibleDuplicates > 0 ? (
        <Alert tone="info">
          {n(data.possibleDuplicates)} messages were sent again after a worker stopped while handing them over: those people may have two
          copies (same Message-ID).
        </Alert>
      ) : null}
    </section>
  );
}
