import { withRole } from "@/lib/auth/with-role.server";
import { customerDisplayName } from "@/lib/customers/display-name";
import { listCustomers } from "@/lib/customers/list-customers";
import { previewCustomersQuerySchema } from "../schemas";

/** GET /api/v1/templates/preview-customers?q= — up to 8 customers matching a name, email or id, for "Preview as". */
export const GET = withRole("marketer", async (request) => {
  const { q } = previewCustomersQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { rows } = await listCustomers({ query: { q, sort: "name", page: 1 }, pageSize: 8 });
  return Response.json(rows.map((c) => ({ id: c.id, name: customerDisplayName(c), email: c.email })));
});
