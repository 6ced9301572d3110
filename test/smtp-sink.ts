import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string;
  messageId: string;
  at: number;
  raw: string;
}

export interface SmtpSink {
  port: number;
  url: string;
  received: ReceivedMail[];
  /** Copies received per address. */
  countsByAddress(): Map<string, number>;
  close(): Promise<void>;
}

/**
 * A real SMTP server for tests, counting at the server what senders deliver. `respond` may answer
 * an address with an SMTP error (e.g. 550 to reject for good, 451 to refuse for now); `delayMs` holds
 * every message before accepting it (to have messages in flight).
 */
export async function startSmtpSink(
  options: {
    respond?: (to: string, attempt: number) => { code: number; message: string } | null;
    delayMs?: number;
    keepRaw?: boolean;
  } = {},
): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const attempts = new Map<string, number>();
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    maxClients: 100,
    onRcptTo(address, _session, callback) {
      const n = (attempts.get(address.address) ?? 0) + 1;
      attempts.set(address.address, n);
      const answer = options.respond?.(address.address, n);
      if (answer) return callback(Object.assign(new Error(answer.message), { responseCode: answer.code }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const accept = () => {
          const head = raw.slice(0, raw.indexOf("\r\n\r\n"));
          const messageId = /^Message-ID: *(.+)$/im.exec(head)?.[1]?.trim() ?? "";
          for (const r of session.envelope.rcptTo)
            received.push({ to: r.address, messageId, at: Date.now(), raw: options.keepRaw === false ? "" : raw });
          callback();
        };
        if (options.delayMs) setTimeout(accept, options.delayMs);
        else accept();
      });
    },
  });
  // A client killed mid-transaction resets its connection (smtp-server reports it as an error): a server notes it and carries on.
  server.on("error", () => undefined);
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    countsByAddress() {
      const m = new Map<string, number>();
      for (const r of received) m.set(r.to, (m.get(r.to) ?? 0) + 1);
      return m;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Waits until `check` returns true (polling), or fails after `timeoutMs` with `what`. */
export async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
