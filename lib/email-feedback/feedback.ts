import { AppError } from "../errors";

/**
 * What a mail provider tells about a message after it left Tailor, in one shape whatever the
 * provider: a bounce (hard = the address does not exist, soft = try later) or a complaint (the
 * recipient marked it as spam). Hard bounces and complaints put the address on the suppression list.
 */
export interface EmailFeedback {
  kind: "hard_bounce" | "soft_bounce" | "complaint";
  email: string;
  /** The Message-ID header Tailor gave the message, when the provider reports it (`<…@…>`). */
  messageId: string | null;
  occurredAt: Date;
  /** The provider's words (diagnostic code, bounce type, feedback type), kept as the suppression's note. */
  detail: string;
}

export const feedbackProviders = ["ses", "sendgrid", "postmark", "generic"] as const;
export type FeedbackProvider = (typeof feedbackProviders)[number];

/** A notification that did not prove it came from the provider (or that Tailor is not set up to accept). */
export class UnauthenticatedFeedback extends AppError {
  constructor(message: string) {
    super("unauthenticated", message);
  }
}

/** `<id@host>` with the angle brackets, whatever the provider wrote. */
export function normalizeMessageId(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const v = value.trim();
  if (!v || v.length > 998) return null;
  return v.startsWith("<") ? v : `<${v}>`;
}

/** A date from a provider (ISO string or Unix seconds), or `fallback`. */
export function dateOf(value: unknown, fallback: Date): Date {
  const d = typeof value === "number" ? new Date(value * 1000) : typeof value === "string" ? new Date(value) : null;
  return d && !Number.isNaN(d.getTime()) ? d : fallback;
}
