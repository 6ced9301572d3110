import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { setEnv } from "../env";
import { loadGalleryTemplate } from "../templates/gallery";
import { isTestUnsubscribeToken, verifyUnsubscribeToken } from "../consent/unsubscribe-token";
import { getPreferences } from "../consent/get-preferences";
import { updatePreferences } from "../consent/update-preferences";
import { closeRateLimiters } from "../http/rate-limit";
import { saveTestSendAddresses } from "./test-send-recipients";
import { testSendAddressesSchema } from "./test-send-schema";
import { getCaughtEmail, listCaughtEmails } from "./caught-emails";
import { sendTestEmail } from "./send-test-email";
import { startOutboxServer } from "./outbox-server";
import { closeTransports } from "./smtp-transport";

// A small hourly allowance for this file (lib/env.ts reads it once), and a queue prefix of its own for the count.
setEnv({ TEST_SEND_RATE_LIMIT: "6", QUEUE_PREFIX: `tailor-test-send-${process.pid}` });

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
  await closeRateLimiters();
  setEnv({ SMTP_URL: undefined });
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
  // The addresses the tests below send to, allowed by an admin (as in Settings → Test emails).
  await db.setting.update({ where: { id: 1 }, data: { testSendAddresses: ["marketer@shop.test", "me@shop.test"] } });
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
    const restore = setEnv({
      SMTP_URL: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
      MAIL_FROM: "Hearth & Home <news@hearth.test>",
    });
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
    // The links of a test act on nobody: not a real unsubscribe token, but a test send's.
    expect(verifyUnsubscribeToken(oneClick![2]!)).toBeNull();
    expect(isTestUnsubscribeToken(oneClick![2]!)).toBe(true);
    expect(headers["message-id"]).toBe(result.messageId);
    expect(headers["content-type"]).toMatch(/multipart\/alternative/);
    expect(mail!.raw).toContain("text/plain");
    expect(mail!.raw).toContain("text/html");
    expect(await db.auditLog.findFirst({ select: { action: true, actorLabel: true, targetId: true } })).toEqual({
      action: "template.test_sent",
      actorLabel: "mara@shop.test",
      targetId: "tpl_1",
    });
    restore();
  });

  it("delivers to the embedded Outbox server when SMTP_URL is unset, readable with its headers", async () => {
    const outbox = await startOutboxServer({ port: 0 });
    setEnv({ SMTP_URL: undefined, OUTBOX_SMTP_PORT: String(outbox.port) });
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
      expect(caught.headers["List-Unsubscribe"]).toMatch(/^<http.+\/api\/unsubscribe\/t1\./);
      expect(caught.html).toContain("Return to my cart");
      expect(caught.text).toContain("Return to my cart");
    } finally {
      await outbox.close();
    }
  });

  it("says how to fix it when neither SMTP_URL nor the Outbox server is there", async () => {
    const outbox = await startOutboxServer({ port: 0 });
    await outbox.close(); // a port nobody listens on any more
    setEnv({ SMTP_URL: undefined, OUTBOX_SMTP_PORT: String(outbox.port) });
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

  it("goes only to the installation's users or to addresses an admin allows; says how to fix it otherwise", async () => {
    setEnv({ SMTP_URL: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}` });
    const draft = await loadGalleryTemplate("welcome");
    const send = (to: string) => sendTestEmail({ draft, customerId, to, sentById: null, actor: { id: null, label: "allow-test" } });
    await expect(send("stranger@elsewhere.test")).rejects.toMatchObject({
      code: "unprocessable",
      message: expect.stringMatching(
        /only to Tailor's users or to addresses an admin allows in Settings.*stranger@elsewhere\.test is neither/,
      ),
    });
    await expect(send("jane@x.test")).rejects.toMatchObject({ code: "unprocessable" }); // the customer themself is no test address
    expect(received).toHaveLength(0);
    await send("MARA@shop.test"); // a user, whatever the case
    await db.user.update({ where: { id: userId }, data: { deactivatedAt: new Date() } });
    await expect(send("mara@shop.test")).rejects.toMatchObject({ code: "unprocessable" }); // no longer a user
    const { addresses } = testSendAddressesSchema.parse({ addresses: "qa@agency.test\n@shop.test" });
    await saveTestSendAddresses({ addresses, actor: { id: null, label: "admin" } });
    await send("qa@agency.test");
    await send("anyone@shop.test"); // a whole domain allowed
    expect(received.map((m) => m.to[0])).toEqual(["MARA@shop.test", "qa@agency.test", "anyone@shop.test"]);
    expect(testSendAddressesSchema.safeParse({ addresses: "qa@agency.test, not-an-address" }).error?.issues[0]?.message).toMatch(
      /not-an-address is not an address/,
    );
  });

  it("limits each user's test sends per hour (429 with the seconds to wait); another user goes on", async () => {
    setEnv({ SMTP_URL: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}` });
    const draft = await loadGalleryTemplate("welcome");
    const send = (sentById: string | null, label: string) =>
      sendTestEmail({ draft, customerId, to: "me@shop.test", sentById, actor: { id: sentById, label } });
    const other = (await db.user.create({ data: { email: "otto@shop.test", passwordHash: "x", role: "marketer" } })).id;
    for (let i = 0; i < 6; i++) await send(userId, "mara@shop.test");
    await expect(send(userId, "mara@shop.test")).rejects.toMatchObject({
      code: "rate_limited",
      message: expect.stringMatching(/Too many test emails: at most 6 per hour/),
      details: { retryAfterSeconds: expect.any(Number) },
    });
    await send(other, "otto@shop.test");
    expect(received).toHaveLength(7);
  });

  it("its unsubscribe link and one-click header change nothing about the customer, and say it was a test", async () => {
    setEnv({ SMTP_URL: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}` });
    await sendTestEmail({ draft: await loadGalleryTemplate("welcome"), customerId, to: "me@shop.test", sentById: null });
    const headers = headersOf(received[0]!.raw);
    const oneClickUrl = /^<(.+)>$/.exec(headers["list-unsubscribe"]!)![1]!;
    const token = /\/api\/unsubscribe\/([^?]+)/.exec(oneClickUrl)![1]!;
    // The one-click endpoint's answer to this token: app/api/unsubscribe/[token]/route.db.test.ts.
    expect(oneClickUrl).toContain("/api/unsubscribe/t1.");
    // The footer link leads to the preference centre, which says the same and saves nothing.
    expect(received[0]!.raw.replace(/=\r?\n/g, "")).toContain(`/preferences/${token}`);
    expect(await getPreferences({ token })).toEqual({ state: "test" });
    await expect(updatePreferences({ token, choices: { email_marketing: false }, formVersion: "v1" })).rejects.toThrow(
      /This was a test send; nothing changed/,
    );
    expect(await db.consentRecord.count({ where: { customerId } })).toBe(0);
    expect(await db.suppression.count()).toBe(0);
  });
});
