import { z } from "zod";
import { withRole } from "@/lib/auth/with-role.server";
import { exportStepExperimentCsv } from "@/lib/flows/experiments/export-step-experiment-csv";
import { getStepExperimentReport } from "@/lib/flows/experiments/get-step-experiment-report";

type Params = { id: string; stepId: string };
const query = z.object({ format: z.enum(["json", "csv"]).default("json") });

/**
 * A send step's experiment: per-variant figures, intervals, lift over the holdout, the decision (the
 * flow page polls it); `?format=csv`: the same figures as CSV (no personal data).
 */
export const GET = withRole<Params>(
  "viewer",
  async (request, { params }) => {
    const { id, stepId } = await params;
    const { format } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
    if (format === "csv")
      return new Response(await exportStepExperimentCsv({ flowId: id, stepId }), {
        headers: {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="flow-${id.slice(0, 40)}-${stepId}-experiment.csv"`,
        },
      });
    return Response.json(await getStepExperimentReport({ flowId: id, stepId }));
  },
  { download: true },
);
