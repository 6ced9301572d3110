// Test fixtures for campaign tests (imported by *.db.test.ts files only).
import { systemActor } from "../audit/write-audit-log";
import { addSuppression } from "../consent/add-suppression";
import { recordConsent } from "../consent/record-consent";
import { db } from "../db";
import { createTemplate } from "../templates/create-template";
import { saveTemplateVersion } from "../templates/save-template-version";

export const testActor = systemActor("cli");

/** Customers with email consent granted (or as `consent` says), through the consent module. */
export async function seedCustomers(
  n: number,
  opts: { consent?: "granted" | "denied" | "none"; emailDomain?: string; prefix?: string; firstName?: string } = {},
): Promise<number[]> {
  const prefix = opts.prefix ?? "person";
  const base = await db.customer.count();
  const ids: number[] = [];
  await db.customer.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      email: `${prefix}${base + i + 1}@${opts.emailDomain ?? "shop.test"}`,
      firstName: opts.firstName ?? `Name${base + i + 1}`,
    })),
  });
  const rows = await db.customer.findMany({ orderBy: { id: "desc" }, take: n, select: { id: true } });
  ids.push(...rows.map((r) => r.id).reverse());
  if ((opts.consent ?? "granted") !== "none") {
    // Set-based (a thousand recordConsent calls would be slow); the triggers keep consent_latest.
    await db.$executeRaw`
      INSERT INTO consent_records (customer_id, purpose, status, source, occurred_at)
      SELECT id, 'email_marketing', ${opts.consent ?? "granted"}::"ConsentStatus", 'admin', now() - interval '1 day'
      FROM unnest(${ids}::int[]) AS id`;
  }
  return ids;
}

export async function withdrawConsent(customerId: number): Promise<void> {
  await recordConsent({ customerId, purpose: "email_marketing", status: "withdrawn", source: "unsubscribe_link", actor: testActor });
}

export async function suppress(email: string): Promise<void> {
  await addSuppression({ email, reason: "manual", source: "test", actor: testActor });
}

/** A segment whose stored members are exactly `customerIds` (membership is what sending reads). */
export async function seedSegment(name: string, customerIds: number[]): Promise<string> {
  const segment = await db.segment.create({
    data: { name, rules: { type: "group", op: "and", children: [] }, buildStatus: "idle", memberCount: customerIds.length },
    select: { id: true },
  });
  await db.$executeRaw`INSERT INTO segment_members (segment_id, customer_id) SELECT ${segment.id}, id FROM unnest(${customerIds}::int[]) AS id`;
  return segment.id;
}

/** Settings a campaign needs (postal address) plus the frequency cap. */
export async function seedSettings(opts: { cap?: number | null; capDays?: number } = {}): Promise<void> {
  const data = {
    organisationName: "Hearth & Home",
    postalAddress: "1 Market Street, Leeds LS1 1AA",
    senderEmail: "news@hearth.test",
    senderName: "Hearth & Home",
    frequencyCapCount: opts.cap ?? null,
    frequencyCapDays: opts.capDays ?? 7,
  };
  await db.setting.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
}

/** A template from the gallery (it has the unsubscribe link and the postal address). */
export async function seedTemplate(key = "newsletter"): Promise<string> {
  return (await createTemplate({ name: `Gallery ${key}`, fromGallery: key, createdById: null, actor: testActor })).id;
}

/** A template saved from MJML of the test's own (to check the sender's refusals). */
export async function seedTemplateFrom(mjml: string, subject = "Hello {{ customer.first_name }}"): Promise<string> {
  const template = await db.emailTemplate.create({ data: { name: "Custom" }, select: { id: true } });
  await saveTemplateVersion({ templateId: template.id, subject, preheader: "", mjml, createdById: null, actor: testActor });
  return template.id;
}
