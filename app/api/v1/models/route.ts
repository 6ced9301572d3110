import { withRole } from "@/lib/auth/with-role.server";
import { getModelsOverview } from "@/lib/scoring/runs/get-models";

/** GET /api/v1/models — each predictive model with its newest run (progress), trained figures, history and score distribution. */
export const GET = withRole("viewer", async () => Response.json(await getModelsOverview()));
