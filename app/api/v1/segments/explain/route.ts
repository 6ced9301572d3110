import { maskForRole } from "@/lib/auth/mask-personal-data";
import { withRole } from "@/lib/auth/with-role.server";
import { parseJsonBody } from "@/lib/http/parse-body";
import { explainInputSchema } from "@/lib/segments/api-schemas";
import { explainMembership, findCustomerId } from "@/lib/segments/explain-membership";
import { getSegment } from "@/lib/segments/get-segment";

/** POST /api/v1/segments/explain — why a customer is (or is not) matched by the rules. */
export const POST = withRole("viewer", async (request, { user }) => {
  const input = await parseJsonBody(request, explainInputSchema);
  const customerId = typeof input.customer === "number" ? input.customer : await findCustomerId({ key: input.customer });
  const rules = input.rules ?? (await getSegment({ id: input.segmentId! })).rules;
  // The deciding values may be the customer's email or phone: masked for viewers.
  return Response.json(maskForRole(await explainMembership({ rules, customerId }), user.role));
});
