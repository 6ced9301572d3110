import { env } from "../env";
import { applyEmailFeedback } from "./apply-email-feedback";
import { UnauthenticatedFeedback, type EmailFeedback, type FeedbackProvider } from "./feedback";
import { parseGenericWebhook, verifyGenericSecret } from "./parse-generic-webhook";
import { parsePostmarkWebhook, verifyPostmarkAuth } from "./parse-postmark-webhook";
import { parseSendgridEvents, sendgridSignatureHeader, sendgridTimestampHeader, verifySendgridSignature } from "./parse-sendgrid-events";
import { parseSesNotification } from "./parse-ses-notification";
import { isAmazonSnsHost, verifySnsMessage, type SnsVerifyOptions } from "./verify-sns-message";

export interface FeedbackRequest {
  rawBody: string;
  headers: Headers;
}

export interface ReceiveOptions {
  /** Tests: their own certificate source and trusted host (production: Amazon's, over HTTPS). */
  sns?: Pick<SnsVerifyOptions, "fetchCertificate" | "trustedCertHost" | "now">;
  /** Confirms an SNS subscription by visiting its SubscribeURL (tests inject their own). */
  confirmSubscription?: (url: URL) => Promise<void>;
  now?: Date;
}

export type ReceiveResult = { received: number; suppressed: number; subscriptionConfirmed?: boolean };

/**
 * A provider's notification, authenticated as that provider does it, then acted on. Throws
 * UnauthenticatedFeedback (nothing changed) when it does not prove where it comes from.
 */
export async function receiveEmailFeedback(
  provider: FeedbackProvider,
  request: FeedbackRequest,
  options: ReceiveOptions = {},
): Promise<ReceiveResult> {
  const now = options.now ?? new Date();
  const config = env();
  let feedback: EmailFeedback[];
  if (provider === "ses") {
    const message = await verifySnsMessage(json(request.rawBody), {
      topicArns: (config.SES_SNS_TOPIC_ARNS ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
      now,
      ...options.sns,
    });
    if (message.Type === "SubscriptionConfirmation") {
      const url = new URL(message.SubscribeURL ?? "");
      const trusted = options.sns?.trustedCertHost ?? isAmazonSnsHost;
      if (url.protocol !== "https:" || !trusted(url.hostname))
        throw new UnauthenticatedFeedback("The SubscribeURL is not an Amazon SNS address.");
      await (options.confirmSubscription ?? visit)(url);
      return { received: 0, suppressed: 0, subscriptionConfirmed: true };
    }
    if (message.Type !== "Notification") return { received: 0, suppressed: 0 };
    feedback = parseSesNotification(message.Message, now);
  } else if (provider === "sendgrid") {
    verifySendgridSignature({
      publicKey: config.SENDGRID_WEBHOOK_PUBLIC_KEY,
      rawBody: request.rawBody,
      signature: request.headers.get(sendgridSignatureHeader),
      timestamp: request.headers.get(sendgridTimestampHeader),
      now,
    });
    feedback = parseSendgridEvents(json(request.rawBody), now);
  } else if (provider === "postmark") {
    verifyPostmarkAuth({
      authorization: request.headers.get("authorization"),
      user: config.POSTMARK_WEBHOOK_USER,
      password: config.POSTMARK_WEBHOOK_PASSWORD,
    });
    feedback = parsePostmarkWebhook(json(request.rawBody), now);
  } else {
    verifyGenericSecret({ authorization: request.headers.get("authorization"), secret: config.WEBHOOK_SECRET });
    feedback = parseGenericWebhook(json(request.rawBody), now);
  }
  return applyEmailFeedback({ provider, feedback });
}

function json(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

async function visit(url: URL): Promise<void> {
  const response = await fetch(url, { redirect: "error", signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`Confirming the SNS subscription failed (HTTP ${response.status}).`);
}
