import { withRole } from "@/lib/auth/with-role.server";
import { getImportJob } from "@/lib/imports/get-import-job";
import { streamRejectionsCsv } from "@/lib/imports/stream-rejections-csv";

/** GET /api/v1/imports/:id/rejections/download — every rejected row as CSV (row, field, reason, original row). */
export const GET = withRole<{ id: string }>(
  "marketer",
  async (_request, { params }) => {
    const { id } = await params;
    const job = await getImportJob({ id });
    const base = job.fileName.replace(/\.[^.]+$/, "").replace(/[^A-Za-z0-9_-]+/g, "-") || "import";
    return new Response(streamRejectionsCsv({ importJobId: id }), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${base}-rejected-rows.csv"` },
    });
  },
  { download: true },
);
