import { connect } from "node:net";
import nodemailer, { type Transporter } from "nodemailer";
import SMTPPool from "nodemailer/lib/smtp-pool";
import { env } from "../env";
import { AppError } from "../errors";

export interface SmtpTarget {
  url: string;
  /** True when SMTP_URL is unset: the embedded development server (the Outbox). */
  outbox: boolean;
  /** host:port, for messages. */
  address: string;
}

/** Where mail goes: SMTP_URL, else the embedded Outbox SMTP server on 127.0.0.1:OUTBOX_SMTP_PORT. */
export function smtpTarget(): SmtpTarget {
  const configured = env().SMTP_URL;
  const url = configured || `smtp://127.0.0.1:${env().OUTBOX_SMTP_PORT}`;
  const parsed = new URL(url);
  return { url, outbox: !configured, address: `${parsed.hostname}:${parsed.port || (parsed.protocol === "smtps:" ? 465 : 587)}` };
}

const transports = new Map<string, Transporter>();

/**
 * A pooled nodemailer transport for the target (STARTTLS and auth as SMTP_URL says): `poolSize`
 * connections kept open, messages sent one at a time on each. One per process, target and size.
 * The pool is built directly: `createTransport({ url, pool: true, … })` keeps only what the URL
 * says and silently opens one connection per message.
 */
export function pooledTransport(poolSize: number): Transporter {
  const { url } = smtpTarget();
  const key = `${url} ${poolSize}`;
  let transport = transports.get(key);
  if (!transport) {
    transport = smtpPool(url, poolSize);
    transports.set(key, transport);
  }
  return transport;
}

/** Closes every pooled transport of this process (CLI end, tests, shutdown). */
export function closeTransports(): void {
  for (const t of transports.values()) t.close();
  transports.clear();
}

/** The message for a send nobody can take: what is wrong and how to fix it. */
export function noSmtpServerMessage(target: SmtpTarget, detail: string): string {
  return target.outbox
    ? `No SMTP server to send through: SMTP_URL is not set and the development Outbox (the embedded SMTP server on ${target.address}) is not running (${detail}). Start Tailor with \`npm start\`, which runs the Outbox with the workers, or set SMTP_URL (e.g. smtp://user:password@mail.example.com:587) in .env.local for real delivery.`
    : `The SMTP server at ${target.address} (SMTP_URL) is not answering (${detail}). Check SMTP_URL and that the server is reachable.`;
}

/** Throws AppError("unavailable") with how to fix it when nothing accepts connections at the SMTP target. */
export async function assertSmtpReachable(): Promise<void> {
  const target = smtpTarget();
  const url = new URL(target.url);
  const port = Number(url.port || (url.protocol === "smtps:" ? 465 : 587));
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host: url.hostname, port, timeout: 3000 });
    const fail = (e: Error) => {
      socket.destroy();
      reject(new AppError("unavailable", noSmtpServerMessage(target, (e as NodeJS.ErrnoException).code ?? e.message)));
    };
    socket.once("connect", () => {
      socket.destroy();
      resolve();
    });
    socket.once("timeout", () => fail(new Error("no answer within 3 s")));
    socket.once("error", fail);
  });
}

/** nodemailer's connection pool to `url` (SMTP_URL's options, e.g. ?tls.rejectUnauthorized=false, included). */
export function smtpPool(url: string, poolSize: number): Transporter {
  return nodemailer.createTransport(new SMTPPool({ url, pool: true, maxConnections: poolSize, maxMessages: Infinity }));
}
