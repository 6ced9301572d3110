"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useDeferredValue, type ReactNode } from "react";
import { formatDateTime } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { JobProgressPanel } from "@/components/ui/job-progress";
import { isActiveJob } from "@/lib/jobs/job-progress";
import { fetchJson } from "@/lib/query/fetch-json";
import { modelKeys } from "@/lib/query/models";
import { formatHeadline, type ModelOverview, type ModelRunSummary } from "@/lib/scoring/runs/model-views";
import { describeWindow } from "./describe-window";
import { ModelDetail } from "./model-detail";
import { describePropensityTarget } from "./propensity-category";

const statusTone = { queued: "info", running: "info", succeeded: "success", failed: "danger", cancelled: "warning" } as const;
const seconds = (ms: number | null) => (ms === null ? "—" : `${(ms / 1000).toFixed(1)} s`);

/** One model: its newest run's progress, the trained run's figures and charts, and its history. */
export function ModelCard({
  model,
  canTrain,
  timeZone,
  children,
}: {
  model: ModelOverview;
  canTrain: boolean;
  timeZone: string;
  /** The model's own options (propensity's category), above its progress. */
  children?: ReactNode;
}) {
  const queryClient = useQueryClient();
  const latest = model.latest;
  const cancel = useMutation({
    mutationFn: (id: string) => fetchJson(`/api/v1/models/runs/${encodeURIComponent(id)}/cancel`, { method: "POST" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: modelKeys.all }),
  });
  // Status first, charts after (decision 110): the heavy part renders from a deferred value.
  const trained = useDeferredValue(model.trained);
  const showProgress = latest && (isActiveJob(latest) || latest.id !== model.trained?.id);
  return (
    <Card>
      <div data-testid={`model-${model.kind}`}>
        <CardHeader
          title={model.label}
          description={
            (model.kind === "propensity" && model.trained ? `Predicts ${describePropensityTarget(model.trained.window)}. ` : "") +
            (model.trained
              ? `Version ${model.trained.version} · trained ${formatDateTime(model.trained.finishedAt, timeZone)} · took ${seconds(model.trained.durationMs)}${model.trained.createdBy ? ` · started by ${model.trained.createdBy}` : ""}`
              : "Not trained yet.")
          }
          action={
            model.trained?.headline ? (
              <span
                className="rounded-full bg-indigo-50 px-3 py-1 text-sm font-semibold text-indigo-800 tabular-nums"
                data-testid="model-headline"
              >
                {formatHeadline(model.trained.headline)}
              </span>
            ) : undefined
          }
        />
        <CardBody className="space-y-5">
          {children}
          {showProgress ? (
            <div>
              <JobProgressPanel
                job={latest}
                label={`Training progress of ${model.label}`}
                cancel={canTrain ? { ...cancel, mutate: () => cancel.mutate(latest.id) } : undefined}
                cancelLabel="Cancel training"
              />
              {latest.status === "failed" || latest.status === "cancelled" ? (
                <div className="mt-3">
                  <Alert
                    tone={latest.status === "failed" ? "error" : "warning"}
                    title={`Version ${latest.version} ${latest.status === "failed" ? "failed" : "was cancelled"}`}
                  >
                    {latest.error}
                  </Alert>
                </div>
              ) : null}
            </div>
          ) : null}
          {trained ? <ModelDetail model={trained} distribution={model.distribution} /> : null}
          {model.history.length > 0 ? <History runs={model.history} timeZone={timeZone} /> : null}
        </CardBody>
      </div>
    </Card>
  );
}

function History({ runs, timeZone }: { runs: ModelRunSummary[]; timeZone: string }) {
  return (
    <details className="group">
      <summary className="cursor-pointer text-sm font-medium text-slate-700">History ({runs.length} latest runs)</summary>
      <div className="mt-2">
        <DataTable columns={["Version", "Started", "By", "Data window", { label: "Took", align: "right" }, "Validation", "Status"]}>
          {runs.map((r) => (
            <tr key={r.id}>
              <td className="px-5 py-2 tabular-nums">v{r.version}</td>
              <td className="px-5 py-2">{formatDateTime(r.createdAt, timeZone)}</td>
              <td className="px-5 py-2 text-slate-600">{r.createdBy ?? r.trigger}</td>
              <td className="px-5 py-2 text-slate-600">{describeWindow(r.window)}</td>
              <td className="px-5 py-2 text-right tabular-nums">{seconds(r.durationMs)}</td>
              <td className="px-5 py-2 tabular-nums">{r.headline ? formatHeadline(r.headline) : "—"}</td>
              <td className="px-5 py-2">
                {r.deleted ? <Badge tone="neutral">deleted</Badge> : <Badge tone={statusTone[r.status]}>{r.status}</Badge>}
              </td>
            </tr>
          ))}
        </DataTable>
      </div>
    </details>
  );
}
