import { withRole } from "@/lib/auth/with-role.server";
import { actorOf } from "@/lib/auth/session-user";
import { customerIdSchema } from "@/lib/customers/schemas";
import { exportCustomerData, toExportJson } from "@/lib/privacy/export-customer-data";
import { exportQuerySchema } from "@/lib/privacy/schemas";

/** GET /api/v1/privacy/customers/:id/export?requestedBy=… — a data subject export as a JSON download (admin). */
export const GET = withRole<{ id: string }>("admin", async (request, { params, user }) => {
  const id = customerIdSchema.parse((await params).id);
  const { requestedBy } = exportQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const data = await exportCustomerData({ customerId: id, requestedBy, actor: actorOf(user) });
  return new Response(toExportJson(data), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="tailor-export-${data.reference}.json"`,
      "cache-control": "no-store",
    },
  });
});
