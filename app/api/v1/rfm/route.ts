import { withRole } from "@/lib/auth/with-role.server";
import { getRfmSummary } from "@/lib/features/get-rfm-summary";

/** GET /api/v1/rfm — RFM figures: per score, per named segment (customers, revenue), the R×F grid. */
export const GET = withRole("viewer", async () => Response.json(await getRfmSummary()));
