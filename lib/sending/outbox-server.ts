import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { db } from "../db";
import { env } from "../env";

export interface OutboxServer {
  port: number;
  close(): Promise<void>;
}

/**
 * The development SMTP server: accepts every message over real SMTP (what production sends go
 * through too) and keeps the last OUTBOX_KEEP in the Outbox (caught_emails) with their headers, HTML
 * and text. Local connections only.
 */
export async function startOutboxServer(
  options: { port?: number; host?: string; keep?: number; log?: (line: string) => void } = {},
): Promise<OutboxServer> {
  const keep = options.keep ?? env().OUTBOX_KEEP;
  let stored = 0;
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        const envelopeTo = session.envelope.rcptTo.map((r) => r.address).join(", ");
        store(raw, envelopeTo)
          .then(() => {
            if (++stored % 50 === 0) return trim(keep);
          })
          .then(
            () => callback(),
            (e: Error) => callback(Object.assign(new Error(`Outbox could not store the message: ${e.message}`), { responseCode: 451 })),
          );
      });
    },
  });
  server.on("error", (e) => options.log?.(`Outbox SMTP server: ${e.message}`));
  server.listen(options.port ?? env().OUTBOX_SMTP_PORT, options.host ?? "127.0.0.1");
  await Promise.race([
    once(server.server, "listening"),
    once(server.server, "error").then(([e]) => {
      throw e;
    }),
  ]);
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    async close() {
      await trim(keep).catch(() => undefined);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function store(raw: Buffer, envelopeTo: string): Promise<void> {
  const mail = await simpleParser(raw);
  const headers: Record<string, string> = {};
  for (const line of mail.headerLines) {
    const name = line.line.slice(0, line.line.indexOf(":")).trim();
    headers[name] = line.line
      .slice(line.line.indexOf(":") + 1)
      .replace(/\r?\n[ \t]+/g, " ")
      .trim();
  }
  const header = (name: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  const customer = Number(header("X-Tailor-Customer"));
  await db.caughtEmail.create({
    data: {
      messageId: mail.messageId ? `<${mail.messageId.replace(/^<|>$/g, "")}>` : "",
      from: mail.from?.text ?? "",
      to: mail.to ? (Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(", ") : mail.to.text) : envelopeTo,
      subject: mail.subject ?? "",
      headers,
      html: typeof mail.html === "string" ? mail.html : "",
      text: mail.text ?? "",
      templateId: header("X-Tailor-Template") ?? null,
      customerId: Number.isSafeInteger(customer) && customer > 0 ? customer : null,
      sentById: null,
    },
  });
}

/** Drops all but the newest `keep` messages. */
async function trim(keep: number): Promise<void> {
  await db.$executeRaw`DELETE FROM caught_emails WHERE id IN (SELECT id FROM caught_emails ORDER BY created_at DESC, id DESC OFFSET ${keep})`;
}
