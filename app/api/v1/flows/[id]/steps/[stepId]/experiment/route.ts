import { withRole } from "@/lib/auth/with-role.server";
import { getStepExperimentReport } from "@/lib/flows/experiments/get-step-experiment-report";

type Params = { id: string; stepId: string };

/** A send step's experiment: per-variant figures, intervals, lift over the holdout, the decision (the flow page polls it). */
export const GET = withRole<Params>("viewer", async (_request, { params }) => {
  const { id, stepId } = await params;
  return Response.json(await getStepExperimentReport({ flowId: id, stepId }));
});
