import nodemailer, { type Transporter } from "nodemailer";
import { env } from "../env";

let cached: { url: string; transport: Transporter } | undefined;

/** The SMTP transport for SMTP_URL, or null in development (no SMTP_URL: the mail catcher). */
export function smtpTransport(): Transporter | null {
  const url = env().SMTP_URL;
  if (!url) return null;
  if (!cached || cached.url !== url) {
    cached?.transport.close();
    cached = { url, transport: nodemailer.createTransport(url) };
  }
  return cached.transport;
}

/** The From address: MAIL_FROM, else the organisation's name at noreply@<host of NEXTAUTH_URL>. */
export function mailFrom(organisationName: string): string {
  const configured = env().MAIL_FROM;
  if (configured) return configured;
  const host = env().NEXTAUTH_URL ? new URL(env().NEXTAUTH_URL!).hostname : "localhost";
  const name = organisationName.replace(/["\\\r\n]/g, "");
  return `"${name}" <noreply@${host === "localhost" || !host.includes(".") ? "localhost.localdomain" : host}>`;
}
