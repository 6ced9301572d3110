import Link from "next/link";
import { formatDateTime, formatNumber } from "@/components/format";
import { Card, CardHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { ImportStatusBadge } from "@/components/ui/import-status-badge";
import type { ImportJobSummary } from "@/lib/imports/schemas";

/** The latest import jobs: kind, file, status, counts and when. */
export function RecentImports({ jobs, timeZone }: { jobs: ImportJobSummary[]; timeZone: string }) {
  return (
    <Card>
      <CardHeader
        title="Last imports"
        action={
          <Link href="/imports" className="text-sm font-medium text-indigo-600 hover:underline">
            All imports →
          </Link>
        }
      />
      {jobs.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-500">
          No imports yet. Run{" "}
          <code className="rounded bg-slate-100 px-1 font-mono text-xs text-slate-800">
            npm run tailor -- import online-retail &lt;file&gt;
          </code>{" "}
          to import a CSV.
        </p>
      ) : (
        <DataTable
          columns={[
            "File",
            "Kind",
            "Status",
            { label: "Rows", align: "right" },
            { label: "Imported", align: "right" },
            { label: "Rejected", align: "right" },
            { label: "Started", align: "right" },
          ]}
          spacing="edges"
        >
          {jobs.map((job) => (
            <tr key={job.id} className="hover:bg-slate-50">
              <td className="max-w-64 truncate px-5 py-2.5 font-medium">
                <Link href={`/imports/${job.id}`} className="text-slate-900 hover:text-indigo-600" title={job.fileName}>
                  {job.fileName}
                </Link>
              </td>
              <td className="px-3 py-2.5 text-slate-600">{job.kind}</td>
              <td className="px-3 py-2.5">
                <ImportStatusBadge status={job.status} dryRun={job.dryRun} />
              </td>
              <td className="px-3 py-2.5 text-right tabular-nums">{formatNumber(job.rowsRead)}</td>
              <td className="px-3 py-2.5 text-right tabular-nums">{formatNumber(job.imported)}</td>
              <td className="px-3 py-2.5 text-right tabular-nums">{formatNumber(job.rejected)}</td>
              <td className="px-5 py-2.5 text-right whitespace-nowrap text-slate-600">{formatDateTime(job.createdAt, timeZone)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Card>
  );
}
