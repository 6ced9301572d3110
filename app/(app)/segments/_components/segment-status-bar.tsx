"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
import { fetchJson } from "@/lib/query/fetch-json";
import { segmentKeys, segmentQueries } from "@/lib/query/segments";

/** Stored membership: size, build progress, and the actions on a saved segment. */
export function SegmentStatusBar({ segmentId, canEdit, snapshot }: { segmentId: string; canEdit: boolean; snapshot: boolean }) {
  const [allMembers, setAllMembers] = useState(false);
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data } = useQuery(segmentQueries.detail(segmentId));
  const invalidate = () => queryClient.invalidateQueries({ queryKey: segmentKeys.all });
  const rebuild = useMutation({
    mutationFn: () => fetchJson(`/api/v1/segments/${segmentId}/rebuild`, { method: "POST" }),
    onSuccess: invalidate,
  });
  const duplicate = useMutation({
    mutationFn: () => fetchJson<{ id: string }>(`/api/v1/segments/${segmentId}/duplicate`, { method: "POST" }),
    onSuccess: ({ id }) => router.push(`/segments/${id}`),
  });
  const remove = useMutation({
    mutationFn: async () => {
      const res = await fetch(`/api/v1/segments/${segmentId}`, { method: "DELETE" });
      if (!res.ok)
        throw new Error(
          ((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ??
            `The server answered ${res.status}.`,
        );
    },
    onSuccess: async () => {
      await invalidate();
      router.push("/segments");
    },
  });
  const building = data?.buildStatus === "queued" || data?.buildStatus === "building";
  const error = rebuild.error ?? duplicate.error ?? remove.error;
  return (
    <div className="flex flex-wrap items-center gap-3 rounded-xl border border-slate-200 bg-white px-4 py-3 text-sm shadow-sm">
      <span className="font-semibold text-slate-900" data-testid="stored-count">
        {data ? `${data.memberCount.toLocaleString("en-GB")} stored members` : "…"}
      </span>
      {data?.buildStatus === "failed" ? <Badge tone="danger">Build failed: {data.buildError}</Badge> : null}
      {data?.buildStatus === "queued" ? (
        <span className="text-slate-500">Queued: the worker builds the membership (is it running? npm start runs it).</span>
      ) : null}
      {data?.buildStatus === "building" ? (
        <div className="w-56">
          <ProgressBar value={data?.buildProgress ?? 0} label="Membership build" />
        </div>
      ) : data ? (
        snapshot ? (
          <Badge tone="neutral">Snapshot: fixed members, they never change</Badge>
        ) : (
          <Badge tone="success">Live: updates as customers act and time passes</Badge>
        )
      ) : null}
      <div className="ml-auto flex flex-wrap items-center gap-2">
        {canEdit ? (
          <>
            {/* Exports are for marketers and admins (a viewer could not download one). */}
            <label className="flex items-center gap-1.5 text-xs text-slate-700">
              <input type="checkbox" checked={!allMembers} onChange={(e) => setAllMembers(!e.target.checked)} />
              Mailable only
            </label>
            <a
              className={buttonClasses("secondary")}
              href={`/api/v1/segments/${segmentId}/export${allMembers ? "?all=1" : ""}`}
              title={
                allMembers
                  ? "Every member, with a mailable column and a consent column per purpose"
                  : "Only members who may be emailed now (consent, suppression, frequency cap, address)"
              }
            >
              {allMembers ? "Export CSV (all members)" : "Export CSV (mailable)"}
            </a>
            <Button variant="secondary" type="button" onClick={() => rebuild.mutate()} disabled={building || rebuild.isPending}>
              Rebuild
            </Button>
            <Button variant="secondary" type="button" onClick={() => duplicate.mutate()} disabled={duplicate.isPending}>
              Duplicate
            </Button>
            <Button
              variant="danger"
              type="button"
              onClick={() => window.confirm("Delete this segment? Its membership history goes with it.") && remove.mutate()}
              disabled={remove.isPending}
            >
              Delete
            </Button>
          </>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="w-full text-rose-700">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}
