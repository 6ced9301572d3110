import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { resetEnv } from "../env";
import { loadGalleryTemplate } from "../templates/gallery";
import { verifyUnsubscribeToken } from "../consent/unsubscribe-token";
import { getCaughtEmail, listCaughtEmails } from "./caught-emails";
import { sendTestEmail } from "./send-test-email";
import { startOutboxServer } from "./outbox-server";
import { closeTransports } from "./smtp-transport";

interface Received {
  from: string;
  to: string[];
  raw: string;
}

const received: Received[] = [];
const server = new SMTPServer({
  disabledCommands: ["STARTTLS", "AUTH"],
  authOptional: true,
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
        to: session.envelope.rcptTo.map((r) => r.address),
        raw: Buffer.concat(chunks).toString("utf8"),
      });
      callback();
    });
  },
});

beforeAll(async () => {
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  resetEnv();
  closeTransports();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let customerId: number;
let userId: string;
beforeEach(async () => {
  received.length = 0;
  await db.$executeRawUnsafe("TRUNCATE customers, caught_emails, audit_log, users, settings RESTART IDENTITY CASCADE");
  await db.setting.create({ data: { id: 1, organisationName: "Hearth & Home", postalAddress: "1 Market Street, Leeds" } });
  customerId = (await db.customer.create({ data: { email: "jane@x.test", firstName: "Jane" } })).id;
  userId = (await db.user.create({ data: { email: "mara@shop.test", passwordHash: "x", role: "marketer" } })).id;
});

/** Header values of a raw message (folded lines unfolded), by lower-case name. */
function headersOf(raw: string): Record<string, string> {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " ");
  return Object.fromEntries(
    head.split(/\r?\n/).map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]),
  );
}

describe("test send", () => {
  it("delivers the rendered email to a real SMTP server with the unsubscribe headers", async () => {
    process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    process.env.MAIL_FROM = "Hearth & Home <news@hearth.test>";
    resetEnv();
    const draft = await loadGalleryTemplate("welcome");
    const result = await sendTestEmail({
      draft,
      customerId: String(customerId),
      to: "marketer@shop.test",
      sentById: userId,
      templateId: "tpl_1",
    });
    expect(result.delivery).toBe("smtp");
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail!.to).toEqual(["marketer@shop.test"]);
    expect(mail!.from).toBe("news@hearth.test");
    const headers = headersOf(mail!.raw);
    expect(headers.subject).toBe("[Test] Welcome to Hearth & Home, Jane");
    expect(headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    const oneClick = /^<(.+)\/api\/unsubscribe\/([^>?]+)>$/.exec(headers["list-unsubscribe"]!);
    expect(oneClick).not.toBeNull();
    expect(verifyUnsubscribeToken(oneClick![2]!)).toEqual({ customerId });
    expect(headers["message-id"]).toBe(result.messageId);
    expect(headers["content-type"]).toMatch(/multipart\/alternative/);
    expect(mail!.raw).toContain("text/plain");
    expect(mail!.raw).toContain("text/html");
    expect(await db.auditLog.findFirst({ select: { action: true, actorLabel: true, targetId: true } })).toEqual({
      action: "template.test_sent",
      actorLabel: "mara@shop.test",
      targetId: "tpl_1",
    });
    delete process.env.MAIL_FROM;
  });

  it("delivers to the embedded Outbox server when SMTP_URL is unset, readable with its headers", async () => {
    delete process.env.SMTP_URL;
    const outbox = await startOutboxServer({ port: 0 });
    process.env.OUTBOX_SMTP_PORT = String(outbox.port);
    resetEnv();
    try {
      const draft = await loadGalleryTemplate("abandoned-cart");
      const result = await sendTestEmail({ draft, customerId: "jane@x.test", to: "me@shop.test", sentById: null, templateId: "tpl_2" });
      expect(result.delivery).toBe("outbox");
      expect(received).toHaveLength(0);
      const [listed] = await listCaughtEmails();
      expect(listed).toMatchObject({
        to: "me@shop.test",
        subject: "[Test] Jane, you left something behind",
        customerId,
        templateId: "tpl_2",
        messageId: result.messageId,
      });
      const caught = await getCaughtEmail(listed!.id);
      expect(caught.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
      expect(caught.headers["List-Unsubscribe"]).toMatch(/^<http.+\/api\/unsubscribe\/v1\./);
      expect(caught.html).toContain("Return to my cart");
      expect(caught.text).toContain("Return to my cart");
    } finally {
      await outbox.close();
    }
  });

  it("says how to fix it when neither SMTP_URL nor the Outbox server is there", async () => {
    delete process.env.SMTP_URL;
    const outbox = await startOutboxServer({ port: 0 });
    await outbox.close(); // a port nobody listens on any more
    process.env.OUTBOX_SMTP_PORT = String(outbox.port);
    resetEnv();
    await expect(
      sendTestEmail({ draft: await loadGalleryTemplate("welcome"), customerId, to: "me@shop.test", sentById: null }),
    ).rejects.toThrow(/SMTP_URL is not set and the development Outbox .* is not running .*npm start.*set SMTP_URL/);
  });

  it("refuses a broken template or a bad address with a message that says how to fix it", async () => {
    await expect(
      sendTestEmail({
        draft: { subject: "{{ customer.nme }}", preheader: "", mjml: "<mjml><mj-body></mj-body></mjml>" },
        customerId,
        to: "me@shop.test",
        sentById: null,
      }),
    ).rejects.toThrow(/subject, line 1: Unknown variable customer\.nme/);
    await expect(
      sendTestEmail({ draft: await loadGalleryTemplate("welcome"), customerId, to: "not an address", sentById: null }),
    ).rejects.toThrow(/Enter the address/);
  });
});
