import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seedCustomers, seedSegment, seedSettings, seedTemplate, testActor } from "@/lib/campaigns/campaign-fixtures";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { fanOutCampaign } from "@/lib/campaigns/fan-out-campaign";
import { prepareCampaignTemplate } from "@/lib/campaigns/prepare-campaign-template";
import { scheduleCampaign } from "@/lib/campaigns/schedule-campaign";
import { db } from "@/lib/db";
import { setEnv } from "@/lib/env";
import { loadContexts } from "@/lib/templates/load-contexts";
import { renderEmail } from "@/lib/templates/render-email";
import { GET as open } from "../../open/[token]/route";
import { GET as click } from "./route";
import { SOCKET_ADDRESS_HEADER } from "@/lib/http/client-address";

const base = "https://tailor.example.org";
const appleMail = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)";
const chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

let campaignId: string;
let customerId: number;
let html: string;

/** Calls a route with the URL as found in the email (HTML entities decoded), from a client. */
function get(route: typeof open, url: string, userAgent: string, ip = "203.0.113.5") {
  const u = new URL(url.replace(/&amp;/g, "&"));
  const token = decodeURIComponent(u.pathname.split("/").pop()!);
  return route(new Request(u, { headers: { "user-agent": userAgent, [SOCKET_ADDRESS_HEADER]: ip } }), {
    params: Promise.resolve({ token }),
  });
}
const interactions = () =>
  db.emailInteraction.findMany({
    orderBy: { id: "asc" },
    select: { kind: true, machine: true, machineReason: true, link: true, url: true, customerId: true },
  });
const events = () =>
  db.event.findMany({ where: { customerId }, orderBy: { id: "asc" }, select: { type: true, properties: true, source: true } });

beforeAll(async () => {
  setEnv({ NEXTAUTH_URL: base });
  await db.$executeRawUnsafe("TRUNCATE customers, segments, campaigns, email_templates, audit_log RESTART IDENTITY CASCADE");
  await seedSettings();
  const ids = await seedCustomers(2);
  customerId = ids[0]!;
  const templateId = await seedTemplate("newsletter");
  ({ id: campaignId } = await createCampaign({
    input: { name: "Spring news", includeSegmentIds: [await seedSegment("All", ids)], templateId },
    actor: testActor,
  }));
  await scheduleCampaign({ id: campaignId, actor: testActor });
  await fanOutCampaign({ campaignId });
  // As the sender leaves them: handed to the mail server an hour ago.
  await db.$executeRaw`UPDATE campaign_sends SET state = 'sent', sent_at = now() - interval '1 hour' WHERE campaign_id = ${campaignId}`;
  const c = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
  const template = await prepareCampaignTemplate({ campaignId, templateVersionId: c.templateVersionId!, subject: null, preheader: null });
  const [recipient] = await loadContexts({ customerIds: [customerId] });
  html = (await renderEmail(template, recipient!.context)).html;
});

beforeEach(async () => {
  await db.$executeRawUnsafe("TRUNCATE email_interactions, events, machine_ip_ranges RESTART IDENTITY");
});

const pixelUrl = () => /<img src="([^"]+\/api\/email\/open\/[^"]+)"/.exec(html)![1]!;
const linkUrls = () => [...html.matchAll(/href="(https:\/\/tailor\.example\.org\/api\/email\/click\/[^"]+)"/g)].map((m) => m[1]!);

describe("the open pixel", () => {
  it("records a person's open on the report and as an Email Opened event on the profile, and answers a GIF", async () => {
    const res = await get(open, pixelUrl(), appleMail);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/gif");
    expect(res.headers.get("cache-control")).toMatch(/no-store/);
    expect(await interactions()).toEqual([{ kind: "open", machine: false, machineReason: null, link: null, url: null, customerId }]);
    expect(await events()).toEqual([
      { type: "Email Opened", source: "email", properties: { campaign_id: campaignId, campaign: "Spring news" } },
    ]);
  });

  it("flags Apple Mail Privacy Protection and listed addresses as machine opens, kept off the profile", async () => {
    await get(open, pixelUrl(), "Mozilla/5.0");
    await db.$executeRaw`INSERT INTO machine_ip_ranges (range) VALUES ('17.0.0.0/8'::inet)`;
    await get(open, pixelUrl(), chrome, "17.58.10.1");
    expect((await interactions()).map((i) => [i.machine, i.machineReason])).toEqual([
      [true, "Apple Mail Privacy Protection"],
      [true, "address on the machine list"],
    ]);
    expect(await events()).toEqual([]);
  });

  it("an altered pixel still answers the image and records nothing", async () => {
    const url = pixelUrl();
    const res = await get(open, url.slice(0, -3) + (url.endsWith("AAA") ? "BBB" : "AAA"), appleMail);
    expect(res.status).toBe(200);
    expect(await interactions()).toEqual([]);
  });
});

describe("tracked links", () => {
  it("every link of the email redirects to its address and is recorded with it, as an Email Link Clicked event", async () => {
    const urls = linkUrls();
    expect(urls.length).toBeGreaterThan(3);
    const destinations: string[] = [];
    for (const url of urls) {
      const res = await get(click, url, chrome);
      expect(res.status, url).toBe(302);
      destinations.push(res.headers.get("location")!);
    }
    // The newsletter's first link, completed by Liquid for this customer, arrives as written.
    expect(destinations[0]).toBe(`https://shop.example.com/new?utm_source=newsletter&utm_medium=email&cid=${customerId}`);
    for (const d of destinations) expect(d).toMatch(/^https:\/\/shop\.example\.com\//);
    const recorded = await interactions();
    expect(recorded.map((r) => r.url)).toEqual(destinations);
    expect(recorded.every((r) => r.kind === "click" && !r.machine)).toBe(true);
    const [first] = await events();
    expect(first).toMatchObject({ type: "Email Link Clicked", properties: { campaign_id: campaignId, url: destinations[0], link: 0 } });
  });

  it("an altered token or a carried address pointing elsewhere records nothing and never redirects", async () => {
    const url = linkUrls()[0]!.replace(/&amp;/g, "&");
    const u = new URL(url);
    const token = u.pathname.split("/").pop()!;
    const otherLink = token.replace(/\.0\./, ".1.");
    const otherCustomer = token.replace(`.${customerId}.`, `.${customerId + 1}.`);
    const evil = `${u.origin}${u.pathname}?u=${encodeURIComponent("https://evil.example/new?cid=1")}`;
    const lookalike = `${u.origin}${u.pathname}?u=${encodeURIComponent("https://shop.example.com.evil.example/new?utm_source=newsletter&utm_medium=email&cid=1")}`;
    for (const bad of [url.replace(token, otherLink), url.replace(token, otherCustomer), evil, lookalike, `${u.origin}${u.pathname}`]) {
      const res = await get(click, bad, chrome);
      expect(res.status, bad).toBe(400);
      expect(res.headers.get("location")).toBeNull();
      expect(await res.text()).toMatch(/damaged or was altered/);
    }
    expect(await interactions()).toEqual([]);
    expect(await events()).toEqual([]);
  });
});
