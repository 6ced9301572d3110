import { withRole } from "@/lib/auth/with-role.server";
import { exportSuppressionCsv } from "@/lib/consent/suppression-csv";

/** GET /api/v1/suppressions/export — the suppression list as CSV (admin). */
export const GET = withRole(
  "admin",
  async () => {
    return new Response(await exportSuppressionCsv(), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="tailor-suppressions-${new Date().toISOString().slice(0, 10)}.csv"`,
        "cache-control": "no-store",
      },
    });
  },
  { download: true },
);
