import { actorOf } from "@/lib/auth/session-user";
import { withRole } from "@/lib/auth/with-role.server";
import { parseJsonBody } from "@/lib/http/parse-body";
import { sendTestEmail } from "@/lib/sending/send-test-email";
import { testSendInputSchema } from "../schemas";

/** POST /api/v1/templates/test-send — the draft rendered for a customer, sent to one address (SMTP, or the development Outbox). */
export const POST = withRole("marketer", async (request, { user }) => {
  const input = await parseJsonBody(request, testSendInputSchema);
  return Response.json(await sendTestEmail({ ...input, sentById: user.id, actor: actorOf(user) }));
});
