import { createVerify, X509Certificate } from "node:crypto";
import { z } from "zod";
import { UnauthenticatedFeedback } from "./feedback";

/** An Amazon SNS HTTP(S) message (notification or subscription confirmation), as posted. */
export const snsMessageSchema = z.object({
  Type: z.enum(["Notification", "SubscriptionConfirmation", "UnsubscribeConfirmation"]),
  MessageId: z.string(),
  TopicArn: z.string(),
  Message: z.string(),
  Timestamp: z.string(),
  SignatureVersion: z.enum(["1", "2"]),
  Signature: z.string(),
  SigningCertURL: z.string(),
  Subject: z.string().optional(),
  SubscribeURL: z.string().optional(),
  Token: z.string().optional(),
});
export type SnsMessage = z.infer<typeof snsMessageSchema>;

export interface SnsVerifyOptions {
  /** Topics whose messages are accepted (SES_SNS_TOPIC_ARNS): any other topic is refused. */
  topicArns: readonly string[];
  /** Downloads a certificate (PEM). Tests inject their own; production fetches over HTTPS. */
  fetchCertificate?: (url: URL) => Promise<string>;
  /** Whether a SigningCertURL's host may sign. Production: Amazon SNS hosts only (amazonaws.com). */
  trustedCertHost?: (host: string) => boolean;
  now?: Date;
}

/** sns.<region>.amazonaws.com (and .com.cn for China regions): where SNS publishes its certificates. */
export function isAmazonSnsHost(host: string): boolean {
  return /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(host);
}

const certificates = new Map<string, Promise<string>>();

async function fetchOverHttps(url: URL): Promise<string> {
  const response = await fetch(url, { redirect: "error", signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new UnauthenticatedFeedback(`The SNS signing certificate could not be fetched (HTTP ${response.status}).`);
  return response.text();
}

/**
 * Checks an SNS message the way AWS documents it: the certificate must come over HTTPS from an SNS
 * host (a .pem), the signature (SHA1withRSA for version 1, SHA256withRSA for 2) must verify over the
 * canonical string of the message's fields under that certificate, the certificate must be valid
 * now, and the topic must be one Tailor was told to accept. Throws UnauthenticatedFeedback.
 */
export async function verifySnsMessage(body: unknown, options: SnsVerifyOptions): Promise<SnsMessage> {
  const parsed = snsMessageSchema.safeParse(body);
  if (!parsed.success) throw new UnauthenticatedFeedback("This is not an Amazon SNS message (fields missing).");
  const message = parsed.data;
  if (!options.topicArns.includes(message.TopicArn))
    throw new UnauthenticatedFeedback(
      `Messages of SNS topic ${message.TopicArn} are not accepted: add its ARN to SES_SNS_TOPIC_ARNS to receive its notifications.`,
    );
  let certUrl: URL;
  try {
    certUrl = new URL(message.SigningCertURL);
  } catch {
    throw new UnauthenticatedFeedback("The SigningCertURL is not a URL.");
  }
  const trusted = options.trustedCertHost ?? isAmazonSnsHost;
  if (certUrl.protocol !== "https:" || !trusted(certUrl.hostname) || !certUrl.pathname.endsWith(".pem") || certUrl.username || certUrl.port)
    throw new UnauthenticatedFeedback(`The signing certificate ${certUrl.href} is not an Amazon SNS certificate.`);
  const fetchCertificate = options.fetchCertificate ?? fetchOverHttps;
  let pem = certificates.get(certUrl.href);
  if (!pem) {
    pem = fetchCertificate(certUrl);
    certificates.set(certUrl.href, pem);
    pem.catch(() => certificates.delete(certUrl.href));
    if (certificates.size > 50) certificates.delete(certificates.keys().next().value!);
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(await pem);
  } catch (e) {
    certificates.delete(certUrl.href);
    throw e instanceof UnauthenticatedFeedback
      ? e
      : new UnauthenticatedFeedback("The SNS signing certificate could not be fetched or read.");
  }
  const now = options.now ?? new Date();
  if (new Date(certificate.validFrom) > now || new Date(certificate.validTo) < now)
    throw new UnauthenticatedFeedback("The SNS signing certificate is not valid at this time.");
  const verifier = createVerify(message.SignatureVersion === "1" ? "RSA-SHA1" : "RSA-SHA256");
  verifier.update(stringToSign(message), "utf8");
  if (!verifier.verify(certificate.publicKey, message.Signature, "base64"))
    throw new UnauthenticatedFeedback("The SNS message signature does not verify: it was altered or not sent by Amazon SNS.");
  return message;
}

/** The canonical "Name\nvalue\n" string SNS signs (documented field lists per type). */
export function stringToSign(message: SnsMessage): string {
  const fields =
    message.Type === "Notification"
      ? (["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"] as const)
      : (["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"] as const);
  let s = "";
  for (const field of fields) {
    const value = message[field];
    if (value === undefined) continue;
    s += `${field}\n${value}\n`;
  }
  return s;
}
