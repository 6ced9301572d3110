import { randomUUID } from "node:crypto";
import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { AppError } from "../errors";
import { getSettings } from "../settings/get-settings";
import { compileTemplate } from "../templates/compile-template";
import { loadContexts } from "../templates/load-contexts";
import { renderEmail } from "../templates/render-email";
import { resolveCustomerId } from "../templates/resolve-customer";
import { draftSchema, testSendSchema } from "../templates/schemas";
import { actorFor } from "../templates/template-actor";
import { toTemplateSettings } from "../templates/template-settings";
import type { TemplateDraft } from "../templates/types";
import { campaignSender } from "../campaigns/campaign-sender";
import { formatAddress } from "./build-mime";
import { buildUnsubscribe } from "../consent/build-unsubscribe";
import { noSmtpServerMessage, pooledTransport, smtpTarget } from "./smtp-transport";
import { checkTestSendRecipient, takeTestSendAllowance } from "./test-send-recipients";

export interface TestSendResult {
  /** smtp: SMTP_URL's server; outbox: the embedded development SMTP server (the Outbox page). */
  delivery: "smtp" | "outbox";
  messageId: string;
}

/**
 * Renders the draft for one customer and sends it to `to` with the unsubscribe headers
 * (List-Unsubscribe, List-Unsubscribe-Post) over SMTP: SMTP_URL's server, or the embedded Outbox
 * server when it is unset (the same path as campaigns). The subject starts with "[Test]". Audit-logged.
 * `to` must be a user of the installation or an address allowed in Settings; each user sends at most
 * TEST_SEND_RATE_LIMIT an hour; the email's unsubscribe link and headers are a test send's, which
 * change nothing about the customer.
 */
export async function sendTestEmail(options: {
  draft: TemplateDraft;
  customerId: string | number;
  to: string;
  sentById: string | null;
  templateId?: string;
  actor?: Actor;
}): Promise<TestSendResult> {
  const draft = draftSchema.parse(options.draft);
  const { to } = testSendSchema.parse({ to: options.to });
  await checkTestSendRecipient(to);
  await takeTestSendAllowance(options.sentById ?? options.actor?.label ?? "system");
  const [settings, customerId] = await Promise.all([getSettings(), resolveCustomerId(options.customerId)]);
  const compiled = await compileTemplate(draft, toTemplateSettings(settings));
  const firstError = compiled.diagnostics.find((d) => d.severity === "error");
  if (firstError)
    throw new AppError(
      "unprocessable",
      `Fix the template before sending a test: ${firstError.field}, line ${firstError.line}: ${firstError.message}`,
    );
  const [recipient] = await loadContexts({ customerIds: [customerId], settings });
  // The customer's data, but links that act on nobody: the test goes to a colleague, not to them.
  const unsubscribe = buildUnsubscribe({ customerId: recipient!.customerId, test: true });
  const email = await renderEmail(compiled, { ...recipient!.context, unsubscribe_url: unsubscribe.url });
  const sender = campaignSender({ senderName: "", senderEmail: "", replyTo: "" }, settings);
  const from = formatAddress(sender.name, sender.address);
  const subject = `[Test] ${email.subject}`;
  const messageId = `<${randomUUID()}@${sender.domain}>`;
  const headers = { ...unsubscribe.headers, "X-Tailor-Test": "1" };
  const actor = await actorFor(options.sentById, options.actor);

  const target = smtpTarget();
  let result: TestSendResult;
  try {
    const info = await pooledTransport(1).sendMail({
      from,
      to,
      subject,
      html: email.html,
      text: email.text,
      headers: {
        ...headers,
        ...(options.templateId ? { "X-Tailor-Template": options.templateId } : {}),
        "X-Tailor-Customer": String(customerId),
      },
      messageId,
    });
    result = { delivery: target.outbox ? "outbox" : "smtp", messageId: info.messageId || messageId };
  } catch (e) {
    const err = e as Error & { code?: string; responseCode?: number };
    if (!err.responseCode && /ECONNREFUSED|ETIMEDOUT|ECONNECTION|ESOCKET|EDNS/.test(`${err.code} ${err.message}`))
      throw new AppError("unavailable", noSmtpServerMessage(target, err.code ?? err.message));
    throw new AppError(
      "unavailable",
      `The SMTP server at ${target.address} refused the test email: ${err.message}.${target.outbox ? "" : " Check SMTP_URL."}`,
    );
  }
  await writeAuditLog({
    actor,
    action: "template.test_sent",
    targetType: "email_template",
    targetId: options.templateId ?? null,
    after: { to, customerId, delivery: result.delivery, messageId: result.messageId },
  });
  return result;
}
