"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { RfmRescoreStatus } from "@/lib/jobs/rfm-rescore-job";
import { fetchJson } from "@/lib/query/fetch-json";

const statusKey = ["rfm", "rescore"] as const;

/** "Rescore now": queues the RFM rescore job, shows its progress, then the segments rebuilt after it. */
export function RfmRescore({ canRescore }: { canRescore: boolean }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: statusKey,
    queryFn: ({ signal }) => fetchJson<RfmRescoreStatus>("/api/v1/rfm/rescore", { signal }),
    refetchInterval: (q) =>
      q.state.data && (q.state.data.state === "queued" || q.state.data.state === "running" || q.state.data.segmentsRebuilding > 0)
        ? 1000
        : false,
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
      {data?.state === "queued" ? (
        <span className="text-slate-500">Queued: the worker rescores it (is it running? npm start runs it).</span>
      ) : null}
      {data?.state === "running" ? (
        <div className="w-64">
          <ProgressBar value={data.progress} label="RFM rescore" />
        </div>
      ) : null}
      {data?.state === "done" && data.finishedAt ? (
        <span className="text-slate-500">
          Rescored {data.finishedAt.slice(0, 16).replace("T", " ")} UTC
          {data.segmentsRebuilding > 0
            ? ` · ${data.segmentsRebuilding} segment${data.segmentsRebuilding === 1 ? "" : "s"} using RFM or features rebuilding`
            : " · segments using it are up to date"}
        </span>
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
