import { withRole } from "@/lib/auth/with-role.server";
import { getModelValidations } from "@/lib/scoring/runs/get-models";

/** GET /api/v1/models/validation — each trained model's headline figure (AUC, MAE, hit rate) and date trained. */
export const GET = withRole("viewer", async () => Response.json(await getModelValidations()));
