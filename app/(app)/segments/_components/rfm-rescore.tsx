"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { JobProgressPanel } from "@/components/ui/job-progress";
import type { RfmRescoreStatus } from "@/lib/jobs/rfm-rescore-job";
import { fetchJson } from "@/lib/query/fetch-json";
import { jobPolling } from "@/lib/query/job-progress";

const statusKey = ["rfm", "rescore"] as const;

/** "Rescore now": queues the RFM rescore job, shows its progress, then the segments rebuilt after it. */
export function RfmRescore({ canRescore }: { canRescore: boolean }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: statusKey,
    queryFn: ({ signal }) => fetchJson<RfmRescoreStatus>("/api/v1/rfm/rescore", { signal }),
    // Polled like every job page; also while the segments that read the scores rebuild after it.
    ...jobPolling<RfmRescoreStatus>((s) => (s.segmentsRebuilding > 0 ? { status: "running" } : s.job)),
  });
  const rescore = useMutation({
    mutationFn: () => fetchJson<RfmRescoreStatus>("/api/v1/rfm/rescore", { method: "POST" }),
    onSuccess: (status) => queryClient.setQueryData(statusKey, status),
  });
  const busy = data?.state === "queued" || data?.state === "running";
  // The page's figures are server-rendered: reload them once a run finishes.
  const wasBusy = useRef(false);
  useEffect(() => {
    if (wasBusy.current && data?.state === "done") router.refresh();
    wasBusy.current = busy;
  }, [busy, data?.state, router]);
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="rfm-rescore">
      {canRescore ? (
        <Button type="button" onClick={() => rescore.mutate()} disabled={busy || rescore.isPending}>
          {busy ? "Rescoring…" : "Rescore now"}
        </Button>
      ) : null}
      {data?.job && data.state !== "failed" ? (
        <div className="w-full max-w-md">
          <JobProgressPanel job={data.job} label="RFM rescore">
            {data.state === "done" && data.finishedAt ? (
              <p className="text-slate-600">
                Rescored {data.finishedAt.slice(0, 16).replace("T", " ")} UTC
                {data.segmentsRebuilding > 0
                  ? ` · ${data.segmentsRebuilding} segment${data.segmentsRebuilding === 1 ? "" : "s"} using RFM or features rebuilding`
                  : " · segments using it are up to date"}
              </p>
            ) : null}
          </JobProgressPanel>
        </div>
      ) : null}
      {data?.state === "failed" ? (
        <p role="alert" className="text-rose-700">
          The last rescore failed: {data.error} Try again; if it fails again, check the worker&apos;s log.
        </p>
      ) : null}
      {rescore.error ? (
        <p role="alert" className="text-rose-700">
          {rescore.error.message}
        </p>
      ) : null}
    </div>
  );
}
