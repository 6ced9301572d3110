import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCustomers, seedSettings, seedTemplateFrom, suppress } from "../campaigns/campaign-fixtures";
import { db } from "../db";
import { setEnv } from "../env";
import { createApiKey } from "../tracking/create-api-key";
import { actor, liveFlow, minutes, startOfMinute, tick, track } from "../../test/flow-test-kit";
import { deliverFlowMessages } from "./deliver-flow-messages";

const received: { to: string[]; raw: string }[] = [];
const server = new SMTPServer({
  disabledCommands: ["STARTTLS", "AUTH"],
  authOptional: true,
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
      callback();
    });
  },
});

beforeAll(async () => {
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  setEnv({ SMTP_URL: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}` });
});
afterAll(async () => {
  setEnv({ SMTP_URL: undefined });
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const CART_MJML = `<mjml><mj-body><mj-section><mj-column>
<mj-text>Hi {{ customer.first_name }}, your cart:</mj-text>
<mj-text>{% for p in event.properties.products %}<p class="item">{{ p.quantity }} × {{ p.name }} at {{ p.price }}{% if p.url %} <a href="{{ p.url }}">view</a>{% endif %}{% if p.image_url %}<img src="{{ p.image_url }}" />{% endif %}</p>{% else %}<p>Your picks are waiting.</p>{% endfor %}</mj-text>
<mj-text>{{ organisation.name }} · {{ organisation.postal_address }} <a href="{{ unsubscribe_url }}">Unsubscribe</a></mj-text>
</mj-column></mj-section></mj-body></mjml>`;

/** An event as the tracking pipeline writes it for a call made with a key of this kind. */
async function trackedWithKey(customerId: number, keyId: string, at: Date, properties: object, messageId: string) {
  await db.$executeRaw`
    INSERT INTO tracking_events (message_id, api_key_id, type, payload, occurred_at, processed_at)
    VALUES (${messageId}, ${keyId}, 'track', '{}'::jsonb, ${at}::timestamptz, now())`;
  await db.$executeRaw`
    INSERT INTO events (customer_id, type, occurred_at, properties, source, api_key_id, message_id)
    VALUES (${customerId}, 'Added to Cart', ${at}::timestamptz, ${JSON.stringify(properties)}::jsonb, 'tracking:website', ${keyId}, ${messageId})`;
}

/** An engine tick, then the delivery of what it handed over. */
async function tickAndDeliver(now: Date) {
  await tick(now);
  await deliverFlowMessages({ now });
}

describe("abandoned cart end to end (real SMTP server)", () => {
  it("emails the cart after the wait — not to a buyer, nor without consent, nor to a suppressed address — with only trusted, allowed items", async () => {
    await seedSettings();
    const template = await seedTemplateFrom(CART_MJML, "{{ customer.first_name }}, you left something behind");
    const t0 = startOfMinute();
    const flow = await liveFlow(
      {
        name: "Abandoned cart",
        trigger: { kind: "event", event: "Added to Cart", where: [] },
        exitOn: [{ event: "Order Completed", where: [] }],
        steps: [
          { id: "wait", kind: "wait", duration: { amount: 4, unit: "hours" } },
          { id: "email", kind: "send_email", templateId: template, category: "marketing" },
        ],
      },
      t0,
    );
    const [ann, ben, eve, dan] = await seedCustomers(4, { firstName: "Shopper" });
    const [cat] = await seedCustomers(1, { consent: "none", prefix: "noconsent" });
    const danEmail = (await db.customer.findUniqueOrThrow({ where: { id: dan! } })).email!;
    await suppress(danEmail);
    const secret = await createApiKey({ input: { label: "Server", kind: "secret", source: "server" }, actor });
    const publicKey = await createApiKey({ input: { label: "Site", kind: "public", source: "website" }, actor });
    const cart = {
      products: [
        {
          name: "Oak <script>alert(1)</script> table",
          price: 120,
          quantity: 1,
          url: "https://hearth.test/p/oak",
          image_url: "https://cdn.hearth.test/oak.jpg",
        },
        { name: "Lamp", price: 30, quantity: 2, url: "https://evil.test/phish", image_url: "javascript:alert(1)" },
      ],
    };
    await trackedWithKey(ann!, secret.id, minutes(t0, 1), cart, "m-ann");
    await trackedWithKey(eve!, publicKey.id, minutes(t0, 1), cart, "m-eve");
    for (const c of [ben!, cat!, dan!]) await track(c, "Added to Cart", minutes(t0, 1), cart);
    await tickAndDeliver(minutes(t0, 1));
    await track(ben!, "Order Completed", minutes(t0, 90));
    await tickAndDeliver(minutes(t0, 90));
    await tickAndDeliver(minutes(t0, 200));
    expect(received).toEqual([]);
    await tickAndDeliver(minutes(t0, 241));
    await tickAndDeliver(minutes(t0, 242));

    const emailOf = async (id: number) => (await db.customer.findUniqueOrThrow({ where: { id } })).email!;
    const [annEmail, eveEmail] = [await emailOf(ann!), await emailOf(eve!)];
    expect(received.map((r) => r.to[0]).sort()).toEqual([annEmail, eveEmail].sort());
    const annMail = received.find((r) => r.to[0] === annEmail)!;
    // The HTML part, decoded.
    const html = String((await simpleParser(annMail.raw)).html);
    expect(html).toContain("Oak &lt;script&gt;alert(1)&lt;/script&gt; table");
    expect(html).not.toContain("<script>");
    expect(html).toContain('href="https://hearth.test/p/oak"');
    expect(html).toContain('src="https://cdn.hearth.test/oak.jpg"');
    expect(html).not.toContain("evil.test");
    expect(html).not.toContain("javascript:");
    expect(annMail.raw).toMatch(/^List-Unsubscribe:/im);
    // A public key's call could come from anyone: its properties fill nothing.
    const eveMail = received.find((r) => r.to[0] === eveEmail)!;
    const eveHtml = String((await simpleParser(eveMail.raw)).html);
    expect(eveHtml).not.toContain("Oak");
    expect(eveHtml).toContain("Your picks are waiting.");

    const messages = await db.flowMessage.findMany({
      where: { flowId: flow },
      select: { customerId: true, status: true, skipReason: true },
    });
    expect(messages.sort((a, b) => a.customerId - b.customerId)).toEqual(
      [
        { customerId: ann!, status: "sent", skipReason: null },
        { customerId: eve!, status: "sent", skipReason: null },
        { customerId: dan!, status: "skipped", skipReason: "suppressed" },
        { customerId: cat!, status: "skipped", skipReason: "no_consent" },
      ].sort((a, b) => a.customerId - b.customerId),
    );
    // Marketing mail from flows counts against the frequency cap, like campaigns.
    expect(await db.frequencyCapSend.count({ where: { sourceType: "flow" } })).toBe(2);
    await tickAndDeliver(minutes(t0, 300));
    expect(received.length).toBe(2);
  });

  it("respects the frequency cap across flows and campaigns", async () => {
    await seedSettings({ cap: 1 });
    const template = await seedTemplateFrom(CART_MJML);
    const t0 = startOfMinute();
    const flow = await liveFlow(
      {
        name: "Welcome",
        trigger: { kind: "event", event: "Signed Up", where: [] },
        steps: [{ id: "hi", kind: "send_email", templateId: template, category: "marketing" }],
      },
      t0,
    );
    const [capped, free] = await seedCustomers(2);
    await db.frequencyCapSend.create({ data: { customerId: capped!, sourceType: "campaign", sourceId: "earlier" } });
    for (const c of [capped!, free!]) await track(c, "Signed Up", minutes(t0, 1));
    await tickAndDeliver(minutes(t0, 1));
    const rows = await db.flowMessage.findMany({ where: { flowId: flow }, select: { customerId: true, status: true, skipReason: true } });
    expect(rows.find((r) => r.customerId === capped)).toMatchObject({ status: "skipped", skipReason: "frequency_cap" });
    expect(rows.find((r) => r.customerId === free)).toMatchObject({ status: "sent" });
  });
});
