import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { buildUnsubscribe } from "@/lib/consent/build-unsubscribe";
import { mayUse } from "@/lib/consent/may-use";
import { GET, POST } from "./route";
import { SOCKET_ADDRESS_HEADER } from "@/lib/http/client-address";

const ctx = (token: string) => ({ params: Promise.resolve({ token }) });

describe("/api/unsubscribe/:token", () => {
  it("a mail client's RFC 8058 one-click POST unsubscribes without a login; the same link keeps working", async () => {
    const c = await db.customer.create({ data: { email: "oneclick@shop.test" } });
    await db.consentRecord.create({
      data: {
        customerId: c.id,
        purpose: "email_marketing",
        status: "granted",
        source: "import",
        occurredAt: new Date("2019-05-01T00:00:00Z"),
      },
    });
    const link = buildUnsubscribe({ customerId: c.id, baseUrl: "https://shop.example" });
    const url = link.headers["List-Unsubscribe"].slice(1, -1);
    const token = url.split("/").pop()!;
    const post = () =>
      POST(
        new Request(url, {
          method: "POST",
          body: "List-Unsubscribe=One-Click",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            "user-agent": "GoogleMail",
            [SOCKET_ADDRESS_HEADER]: "198.51.100.7",
          },
        }),
        ctx(token),
      );
    const res = await post();
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/You are unsubscribed/);
    expect(await mayUse({ customerId: c.id, purpose: "email_marketing" })).toMatchObject({ allowed: false, suppressed: true });
    expect(await db.consentRecord.findFirst({ where: { customerId: c.id }, orderBy: { id: "desc" } })).toMatchObject({
      source: "unsubscribe_link",
      proof: { ip: "198.51.100.7", userAgent: "GoogleMail" },
    });
    const rows = async () => ({
      consent: await db.consentRecord.count({ where: { customerId: c.id } }),
      suppressions: await db.suppression.count(),
      audit: await db.auditLog.count(),
    });
    const before = await rows();
    // Clicking again (mail clients retry, people click twice) is harmless and adds no row.
    for (let i = 0; i < 3; i++) expect((await post()).status).toBe(200);
    expect(await rows()).toEqual(before);
  });

  it("a tampered link gets a plain 400 and changes nothing; a browser GET goes to the preference centre", async () => {
    const c = await db.customer.create({ data: { email: "tamper@shop.test" } });
    const token = buildUnsubscribe({ customerId: c.id }).url.split("/").pop()!;
    const forged = token.replace(`v1.${c.id}.`, `v1.${c.id + 1}.`);
    const res = await POST(
      new Request(`http://x/api/unsubscribe/${forged}`, { method: "POST", body: "List-Unsubscribe=One-Click" }),
      ctx(forged),
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/damaged or was altered; nothing was changed/);
    expect(await db.consentRecord.count({ where: { customerId: { in: [c.id, c.id + 1] } } })).toBe(0);
    const get = await GET(new Request(`http://x/api/unsubscribe/${token}`), ctx(token));
    expect(get.status).toBe(303);
    expect(get.headers.get("location")).toBe(`/preferences/${token}`);
  });

  it("a test send's one-click POST answers that it was a test and changes nothing", async () => {
    const c = await db.customer.create({ data: { email: "tested@shop.test" } });
    const link = buildUnsubscribe({ customerId: c.id, baseUrl: "https://shop.example", test: true });
    const url = link.headers["List-Unsubscribe"].slice(1, -1);
    const token = url.split("/").pop()!;
    const res = await POST(new Request(url, { method: "POST", body: "List-Unsubscribe=One-Click" }), ctx(token));
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^This was a test send; nothing changed/);
    expect(await db.consentRecord.count({ where: { customerId: c.id } })).toBe(0);
    expect(await mayUse({ customerId: c.id, purpose: "email_marketing" })).toMatchObject({ suppressed: false });
  });
});
