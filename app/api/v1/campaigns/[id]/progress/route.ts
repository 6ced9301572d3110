import { withRole } from "@/lib/auth/with-role.server";
import { getCampaignProgress } from "@/lib/campaigns/get-campaign-progress";

type Params = { id: string };

/** The send ledger's counts, rate and ETA: the live progress view polls it. */
export const GET = withRole<Params>("viewer", async (_request, { params }) => Response.json(await getCampaignProgress((await params).id)));
