import { withPublicAccess } from "@/lib/auth/with-role.server";
import { readLimitedBody } from "@/lib/http/read-limited-body";
import { feedbackProviders, type FeedbackProvider } from "@/lib/email-feedback/feedback";
import { receiveEmailFeedback } from "@/lib/email-feedback/receive-email-feedback";
import { AppError } from "@/lib/errors";

type Params = { provider: string };

const maxBytes = 1_000_000;

/**
 * Bounce and complaint notifications: /api/webhooks/ses (Amazon SNS), /sendgrid (signed event
 * webhook), /postmark (basic auth), /generic (Bearer secret). Each is authenticated as its provider
 * does it; an unauthenticated one gets 401 and changes nothing (docs/email-feedback.md).
 */
export const POST = withPublicAccess<Params>(
  async (request, { params }) => {
    const { provider } = await params;
    if (!(feedbackProviders as readonly string[]).includes(provider))
      throw new AppError("not_found", `There is no ${provider} webhook: use ses, sendgrid, postmark or generic.`);
    const rawBody = (
      await readLimitedBody(request, maxBytes, "Notifications larger than 1 MB are refused: send them in batches.")
    ).toString("utf8");
    return Response.json(await receiveEmailFeedback(provider as FeedbackProvider, { rawBody, headers: request.headers }));
  },
  { rateLimit: "webhook" },
);
