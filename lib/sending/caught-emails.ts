import { db } from "../db";
import { AppError } from "../errors";

/** The mail catcher's messages, newest first (development: test sends without SMTP_URL). */
export async function listCaughtEmails(options: { limit?: number } = {}) {
  return db.caughtEmail.findMany({
    orderBy: { createdAt: "desc" },
    take: Math.max(1, Math.min(500, options.limit ?? 100)),
    select: { id: true, messageId: true, from: true, to: true, subject: true, templateId: true, customerId: true, createdAt: true },
  });
}

/** One caught message with its headers, HTML and text. Throws not_found. */
export async function getCaughtEmail(id: string) {
  const email = await db.caughtEmail.findUnique({ where: { id } });
  if (!email) throw new AppError("not_found", "There is no such caught email: it may have been cleared. Go back to the mail catcher.");
  return { ...email, headers: email.headers as Record<string, string> };
}
