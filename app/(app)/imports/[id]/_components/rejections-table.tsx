"use client";

import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Pagination } from "@/components/ui/pagination";
import { formatNumber } from "@/components/format";
import type { ImportRejectionRow, Paged } from "@/lib/imports/schemas";
import { JOB_POLL_MS } from "@/lib/query/job-progress";
import { importQueries } from "@/lib/query/imports";

interface RejectionsTableProps {
  importId: string;
  page: number;
  initial: Paged<ImportRejectionRow>;
  /** The CSV holds the original lines (personal data): marketers and admins only. */
  canDownload: boolean;
}

/**
 * The rows an import rejected and the fields it skipped (the row imported without them): row number
 * in the file, field, reason, what happened, and the raw line.
 */
export function RejectionsTable({ importId, page, initial, canDownload }: RejectionsTableProps) {
  const detail = useQuery(importQueries.detail(importId));
  const running = detail.data ? detail.data.status === "running" || detail.data.status === "queued" : false;
  const { data } = useQuery({
    ...importQueries.rejections(importId, page),
    initialData: initial,
    refetchInterval: running ? JOB_POLL_MS : false,
  });
  return (
    <Card className="overflow-hidden">
      <CardHeader
        title="Rejected rows and skipped fields"
        description={
          data.total > 0
            ? `${formatNumber(data.total)} ${data.total === 1 ? "problem" : "problems"}. A rejected row was not imported: fix it in the file and import it again (rows already imported are skipped). A skipped field was left out and the rest of its row imported. Kept for 30 days.`
            : undefined
        }
        action={
          data.total > 0 && canDownload ? (
            <a className={buttonClasses("secondary")} href={`/api/v1/imports/${importId}/rejections/download`} download>
              Download as CSV
            </a>
          ) : undefined
        }
      />
      {data.items.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-500">
          {running ? "No rejected rows or skipped fields so far." : "No rows were rejected and no fields skipped."}
        </p>
      ) : (
        <DataTable columns={[{ label: "Row", align: "right" }, "Field", "Reason", "Outcome", "Raw line"]} spacing="edges">
          {data.items.map((r) => (
            <tr key={r.id} data-kept={r.kept}>
              <td className="px-5 py-2 text-right text-slate-600 tabular-nums">{formatNumber(r.rowNumber)}</td>
              <td className="px-3 py-2 font-mono text-xs">{r.field}</td>
              <td className="px-3 py-2 text-slate-800">{r.reason}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                {r.kept ? <Badge tone="warning">Field skipped, row imported</Badge> : <Badge tone="danger">Row rejected</Badge>}
              </td>
              <td className="max-w-md truncate px-5 py-2 font-mono text-xs text-slate-500" title={r.raw}>
                {r.raw || (canDownload ? "—" : "hidden (personal data)")}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {data.pageCount > 1 ? (
        <div className="border-t border-slate-100">
          <Pagination {...data} hrefFor={(p) => `/imports/${importId}${p > 1 ? `?page=${p}` : ""}`} noun="problems" />
        </div>
      ) : null}
    </Card>
  );
}
