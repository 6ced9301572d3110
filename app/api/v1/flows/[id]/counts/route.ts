import { withRole } from "@/lib/auth/with-role.server";
import { getFlowStepCounts } from "@/lib/flows/get-flow-step-counts";

type Params = { id: string };

/** Per-step counts of a flow (waiting now, passed, exited, emails sent): the flow page polls it. */
export const GET = withRole<Params>("viewer", async (_request, { params }) => Response.json(await getFlowStepCounts((await params).id)));
