import { execFileSync } from "node:child_process";
import { createSign, generateKeyPairSync, sign } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST } from "./route";
import { db } from "@/lib/db";
import { resetEnv } from "@/lib/env";
import { stringToSign, type SnsMessage } from "@/lib/email-feedback/verify-sns-message";
import { receiveEmailFeedback, type ReceiveOptions } from "@/lib/email-feedback/receive-email-feedback";

const topic = "arn:aws:sns:eu-west-1:123456789012:ses-feedback";
const certUrl = "https://sns.test.example/SimpleNotificationService-test.pem";

// A certificate of the test's own (openssl), standing in for Amazon's: the same X.509 and RSA path.
const dir = mkdtempSync(path.join(tmpdir(), "tailor-sns-"));
execFileSync(
  "openssl",
  [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "2",
    "-subj",
    "/CN=sns.test.example",
    "-keyout",
    path.join(dir, "key.pem"),
    "-out",
    path.join(dir, "cert.pem"),
  ],
  { stdio: "ignore" },
);
const privateKey = readFileSync(path.join(dir, "key.pem"), "utf8");
const certificatePem = readFileSync(path.join(dir, "cert.pem"), "utf8");

const fetchCertificate = vi.fn(async (url: URL) => {
  if (url.href !== certUrl) throw new Error(`unexpected certificate ${url.href}`);
  return certificatePem;
});
const testSns: ReceiveOptions = { sns: { fetchCertificate, trustedCertHost: (host) => host === "sns.test.example" } };

function snsNotification(message: object, version: "1" | "2" = "1", overrides: Partial<SnsMessage> = {}): SnsMessage {
  const m: SnsMessage = {
    Type: "Notification",
    MessageId: "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
    TopicArn: topic,
    Message: JSON.stringify(message),
    Timestamp: new Date().toISOString(),
    SignatureVersion: version,
    Signature: "",
    SigningCertURL: certUrl,
    ...overrides,
  };
  const signer = createSign(version === "1" ? "RSA-SHA1" : "RSA-SHA256");
  signer.update(stringToSign(m));
  return { ...m, Signature: signer.sign(privateKey, "base64") };
}

const sesBounce = (email: string, bounceType = "Permanent") => ({
  notificationType: "Bounce",
  bounce: {
    bounceType,
    bounceSubType: "General",
    bouncedRecipients: [{ emailAddress: email, diagnosticCode: "smtp; 550 5.1.1 user unknown" }],
    timestamp: "2026-12-07T08:00:00.000Z",
  },
  mail: { messageId: "0100018c-ses", headers: [{ name: "Message-ID", value: "<c1.42@tailor.test>" }] },
});

const ses = (body: object) => receiveEmailFeedback("ses", { rawBody: JSON.stringify(body), headers: new Headers() }, testSns);
const suppression = (email: string) => db.suppression.findFirst({ where: { email }, select: { reason: true, source: true, note: true } });

const sendgridKeys = generateKeyPairSync("ec", { namedCurve: "P-256" });
const sendgridPublic = sendgridKeys.publicKey.export({ format: "der", type: "spki" }).toString("base64");

function sendgridRequest(events: object[], options: { key?: typeof sendgridKeys.privateKey; timestamp?: number; tamper?: boolean } = {}) {
  const body = JSON.stringify(events);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = sign("sha256", Buffer.from(timestamp + body), options.key ?? sendgridKeys.privateKey).toString("base64");
  return new Request("https://tailor.test/api/webhooks/sendgrid", {
    method: "POST",
    body: options.tamper ? body.replace("bounce", "bounce ") : body,
    headers: {
      "content-type": "application/json",
      "x-twilio-email-event-webhook-signature": signature,
      "x-twilio-email-event-webhook-timestamp": timestamp,
    },
  });
}
const route = (provider: string, request: Request) => POST(request, { params: Promise.resolve({ provider }) });

const saved = { ...process.env };
beforeAll(() => {
  process.env.SES_SNS_TOPIC_ARNS = `arn:aws:sns:eu-west-1:123456789012:other, ${topic}`;
  process.env.SENDGRID_WEBHOOK_PUBLIC_KEY = sendgridPublic;
  process.env.POSTMARK_WEBHOOK_USER = "postmark";
  process.env.POSTMARK_WEBHOOK_PASSWORD = "s3cret-pm-password";
  process.env.WEBHOOK_SECRET = "generic-webhook-secret-0123456789";
  resetEnv();
});
afterAll(() => {
  process.env = { ...saved };
  resetEnv();
});
beforeEach(async () => {
  await db.$executeRawUnsafe("TRUNCATE suppressions, audit_log RESTART IDENTITY CASCADE");
  fetchCertificate.mockClear();
});

describe("Amazon SES via SNS", () => {
  it("a signed hard bounce suppresses the address with the reason (signature versions 1 and 2); a soft bounce changes nothing", async () => {
    expect(await ses(snsNotification(sesBounce("gone@shop.test")))).toEqual({ received: 1, suppressed: 1 });
    expect(await suppression("gone@shop.test")).toEqual({
      reason: "hard_bounce",
      source: "ses webhook",
      note: "SES Permanent/General: smtp; 550 5.1.1 user unknown · Message-ID <c1.42@tailor.test>",
    });
    expect(await ses(snsNotification(sesBounce("gone2@shop.test"), "2"))).toEqual({ received: 1, suppressed: 1 });
    expect(await ses(snsNotification(sesBounce("full@shop.test", "Transient")))).toEqual({ received: 1, suppressed: 0 });
    expect(await suppression("full@shop.test")).toBeNull();
    expect(fetchCertificate).toHaveBeenCalledTimes(1); // cached
  });

  it("a complaint suppresses the address as a complaint", async () => {
    const complaint = {
      notificationType: "Complaint",
      complaint: { complainedRecipients: [{ emailAddress: "Angry@Shop.test" }], complaintFeedbackType: "abuse" },
      mail: { commonHeaders: { messageId: "<c1.43@tailor.test>" } },
    };
    await ses(snsNotification(complaint));
    expect(await suppression("angry@shop.test")).toMatchObject({
      reason: "complaint",
      note: "SES complaint (abuse) · Message-ID <c1.43@tailor.test>",
    });
  });

  it("refuses, changing nothing: an altered message, a foreign certificate host, another topic, a signature by another key", async () => {
    const signed = snsNotification(sesBounce("victim@shop.test"));
    await expect(ses({ ...signed, Message: signed.Message.replace("victim", "other") })).rejects.toThrow(/does not verify/);
    await expect(ses({ ...signed, TopicArn: "arn:aws:sns:eu-west-1:999:evil" })).rejects.toThrow(/not accepted/);
    const foreign = snsNotification(sesBounce("victim@shop.test"), "1", { SigningCertURL: "https://evil.example/cert.pem" });
    await expect(ses(foreign)).rejects.toThrow(/not an Amazon SNS certificate/);
    const http = snsNotification(sesBounce("victim@shop.test"), "1", { SigningCertURL: certUrl.replace("https", "http") });
    await expect(ses(http)).rejects.toThrow(/not an Amazon SNS certificate/);
    const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const forged = { ...signed, Signature: createSign("RSA-SHA1").update(stringToSign(signed)).sign(otherKey, "base64") };
    await expect(ses(forged)).rejects.toThrow(/does not verify/);
    expect(await db.suppression.count()).toBe(0);
  });

  it("in production only Amazon's hosts may sign: the route refuses any other SigningCertURL without fetching it", async () => {
    const res = await route(
      "ses",
      new Request("https://tailor.test/api/webhooks/ses", {
        method: "POST",
        body: JSON.stringify(snsNotification(sesBounce("victim@shop.test"))),
      }),
    );
    expect(res.status).toBe(401);
    expect((await res.json()).error.message).toMatch(/not an Amazon SNS certificate/);
    expect(fetchCertificate).not.toHaveBeenCalled();
    expect(await db.suppression.count()).toBe(0);
  });

  it("confirms a signed subscription by visiting its SubscribeURL", async () => {
    const confirmSubscription = vi.fn(async () => {});
    const subscribeUrl = "https://sns.test.example/?Action=ConfirmSubscription&TopicArn=x&Token=abc";
    const message = snsNotification({}, "1", {
      Type: "SubscriptionConfirmation",
      Message: "You have chosen to subscribe",
      SubscribeURL: subscribeUrl,
      Token: "abc",
    });
    const result = await receiveEmailFeedback(
      "ses",
      { rawBody: JSON.stringify(message), headers: new Headers() },
      { ...testSns, confirmSubscription },
    );
    expect(result.subscriptionConfirmed).toBe(true);
    expect(confirmSubscription).toHaveBeenCalledWith(new URL(subscribeUrl));
  });
});

describe("SendGrid signed event webhook", () => {
  it("a signed bounce and spam report suppress with their reasons; a deferral or a blocked message does not", async () => {
    const res = await route(
      "sendgrid",
      sendgridRequest([
        {
          email: "bounced@shop.test",
          event: "bounce",
          type: "bounce",
          reason: "550 5.1.1 no such user",
          "smtp-id": "<c1.44@tailor.test>",
          timestamp: 1765094400,
        },
        { email: "spam@shop.test", event: "spamreport", timestamp: 1765094400 },
        { email: "later@shop.test", event: "deferred", timestamp: 1765094400 },
        { email: "blocked@shop.test", event: "bounce", type: "blocked", timestamp: 1765094400 },
      ]),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 3, suppressed: 2 });
    expect(await suppression("bounced@shop.test")).toEqual({
      reason: "hard_bounce",
      source: "sendgrid webhook",
      note: "SendGrid bounce: 550 5.1.1 no such user · Message-ID <c1.44@tailor.test>",
    });
    expect(await suppression("spam@shop.test")).toMatchObject({ reason: "complaint" });
    expect(await suppression("blocked@shop.test")).toBeNull();
  });

  it("refuses an altered body, another key's signature and an old timestamp (401, nothing changed)", async () => {
    const events = [{ email: "bounced@shop.test", event: "bounce", type: "bounce" }];
    const other = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    for (const request of [
      sendgridRequest(events, { tamper: true }),
      sendgridRequest(events, { key: other }),
      sendgridRequest(events, { timestamp: Math.floor(Date.now() / 1000) - 3600 }),
      new Request("https://tailor.test/api/webhooks/sendgrid", { method: "POST", body: JSON.stringify(events) }),
    ])
      expect((await route("sendgrid", request)).status).toBe(401);
    expect(await db.suppression.count()).toBe(0);
  });
});

describe("Postmark (basic auth) and the generic format (Bearer secret)", () => {
  const postmark = (authorization: string | null, body: object) =>
    route(
      "postmark",
      new Request("https://tailor.test/api/webhooks/postmark", {
        method: "POST",
        body: JSON.stringify(body),
        headers: authorization ? { authorization } : {},
      }),
    );
  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

  it("Postmark: a hard bounce and a spam complaint with the right credentials suppress; wrong or no credentials change nothing", async () => {
    const bounce = {
      RecordType: "Bounce",
      Type: "HardBounce",
      Email: "pm@shop.test",
      Description: "The server was unable to deliver",
      BouncedAt: "2026-12-07T08:00:00Z",
    };
    expect((await postmark(basic("postmark", "wrong"), bounce)).status).toBe(401);
    expect((await postmark(null, bounce)).status).toBe(401);
    expect(await db.suppression.count()).toBe(0);
    expect(await (await postmark(basic("postmark", "s3cret-pm-password"), bounce)).json()).toEqual({ received: 1, suppressed: 1 });
    expect(await suppression("pm@shop.test")).toMatchObject({ reason: "hard_bounce", source: "postmark webhook" });
    await postmark(basic("postmark", "s3cret-pm-password"), { RecordType: "SpamComplaint", Email: "pm2@shop.test" });
    expect(await suppression("pm2@shop.test")).toMatchObject({ reason: "complaint" });
    await postmark(basic("postmark", "s3cret-pm-password"), { RecordType: "Bounce", Type: "SoftBounce", Email: "pm3@shop.test" });
    expect(await suppression("pm3@shop.test")).toBeNull();
  });

  it("generic: the documented JSON with the Bearer secret suppresses; a wrong secret is 401, a bad field 422 naming it", async () => {
    const send = (authorization: string, body: unknown) =>
      route(
        "generic",
        new Request("https://tailor.test/api/webhooks/generic", { method: "POST", body: JSON.stringify(body), headers: { authorization } }),
      );
    const events = {
      events: [
        { type: "bounce", email: "gen@shop.test", bounce_type: "hard", reason: "mailbox unknown" },
        { type: "complaint", email: "gen2@shop.test" },
      ],
    };
    expect((await send("Bearer wrong-secret", events)).status).toBe(401);
    expect(await db.suppression.count()).toBe(0);
    const ok = await send("Bearer generic-webhook-secret-0123456789", events);
    expect(await ok.json()).toEqual({ received: 2, suppressed: 2 });
    expect(await suppression("gen@shop.test")).toEqual({ reason: "hard_bounce", source: "generic webhook", note: "mailbox unknown" });
    expect(await suppression("gen2@shop.test")).toMatchObject({ reason: "complaint" });
    const bad = await send("Bearer generic-webhook-secret-0123456789", { type: "bounce", email: "not-an-address" });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toMatch(/email/);
  });

  it("an unknown provider is a 404", async () => {
    expect((await route("mailgun", new Request("https://tailor.test/x", { method: "POST", body: "{}" }))).status).toBe(404);
  });
});
