import { randomUUID } from "node:crypto";
import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db } from "../db";
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
import { mailFrom, smtpTransport } from "./mail-transport";

export interface TestSendResult {
  delivery: "smtp" | "catcher";
  messageId: string;
  /** The caught email's id (catcher only). */
  caughtId?: string;
}

/**
 * Renders the draft for one customer and sends it to `to` with the unsubscribe headers
 * (List-Unsubscribe, List-Unsubscribe-Post): over SMTP_URL, or into the mail catcher when it is
 * unset. The subject starts with "[Test]". Audit-logged.
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
  const [settings, customerId] = await Promise.all([getSettings(), resolveCustomerId(options.customerId)]);
  const compiled = await compileTemplate(draft, toTemplateSettings(settings));
  const firstError = compiled.diagnostics.find((d) => d.severity === "error");
  if (firstError)
    throw new AppError(
      "unprocessable",
      `Fix the template before sending a test: ${firstError.field}, line ${firstError.line}: ${firstError.message}`,
    );
  const [recipient] = await loadContexts({ customerIds: [customerId], settings });
  const email = await renderEmail(compiled, recipient!.context);
  const from = mailFrom(settings.organisationName);
  const subject = `[Test] ${email.subject}`;
  const domain = /@([^>\s]+)>?$/.exec(from)?.[1] ?? "localhost.localdomain";
  const messageId = `<${randomUUID()}@${domain}>`;
  const headers = { ...recipient!.unsubscribe.headers, "X-Tailor-Test": "1" };
  const actor = await actorFor(options.sentById, options.actor);

  const transport = smtpTransport();
  let result: TestSendResult;
  if (transport) {
    try {
      const info = await transport.sendMail({ from, to, subject, html: email.html, text: email.text, headers, messageId });
      result = { delivery: "smtp", messageId: info.messageId || messageId };
    } catch (e) {
      throw new AppError(
        "unavailable",
        `The SMTP server refused the test email: ${e instanceof Error ? e.message : String(e)}. Check SMTP_URL.`,
      );
    }
  } else {
    const caught = await db.caughtEmail.create({
      data: {
        messageId,
        from,
        to,
        subject,
        headers: { From: from, To: to, Subject: subject, "Message-ID": messageId, Date: new Date().toUTCString(), ...headers },
        html: email.html,
        text: email.text,
        templateId: options.templateId ?? null,
        customerId,
        sentById: options.sentById,
      },
      select: { id: true },
    });
    result = { delivery: "catcher", messageId, caughtId: caught.id };
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
