import { describe, expect, it } from "vitest";
import { importTestFile, rejectionsOf } from "../../test/import-test-file";
import { db } from "../db";
import { consentAllowsSql, mayUse } from "./may-use";
import type { ConsentStatusValue } from "./derive-consent-status";
import { recordConsent } from "./record-consent";
import { unsubscribeOneClick } from "./unsubscribe-one-click";
import { createUnsubscribeToken } from "./unsubscribe-token";
import { getPreferences } from "./get-preferences";
import { updatePreferences } from "./update-preferences";
import { findSuppressedAddresses } from "./find-suppressed-addresses";
import { addSuppression } from "./add-suppression";
import { eraseCustomer } from "../privacy/erase-customer";
import { previewPurposeDefault } from "./preview-purpose-default";
import { listConsentPurposes } from "./purposes";
import { setPurposeDefault } from "./save-consent-purpose";

const admin = { id: null, label: "admin@shop.test" };
let n = 0;
async function seedCustomer(email = `person${++n}@shop.test`) {
  return db.customer.create({
    data: { email, firstName: "P", identities: { create: [{ type: "email", value: email }] } },
    select: { id: true, email: true },
  });
}

/** An email-marketing consent record entered by the admin; `more` sets the rest. */
const recordEmailConsent = (customerId: number, status: ConsentStatusValue, more: Partial<Parameters<typeof recordConsent>[0]> = {}) =>
  recordConsent({ customerId, purpose: "email_marketing", status, source: "admin", actor: admin, ...more });

describe("mayUse and its SQL twin", () => {
  it("follows defaults without records, then the latest record, and agrees with the SQL condition", async () => {
    const a = await seedCustomer();
    const b = await seedCustomer();
    expect(await mayUse({ customerId: a.id, purpose: "email_marketing" })).toMatchObject({ allowed: false, basis: "default" });
    expect(await mayUse({ customerId: a.id, purpose: "personalization" })).toMatchObject({ allowed: true, basis: "default" });
    await recordEmailConsent(a.id, "granted", { proof: { reason: "Signed up in store" }, occurredAt: new Date("2024-01-01T00:00:00Z") });
    await recordConsent({ customerId: b.id, purpose: "personalization", status: "denied", source: "tracking_api", actor: admin });
    expect(await mayUse({ customerId: a.id, purpose: "email_marketing" })).toMatchObject({
      allowed: true,
      status: "granted",
      basis: "record",
    });
    expect(await mayUse({ customerId: b.id, purpose: "personalization" })).toMatchObject({ allowed: false, status: "denied" });

    for (const purpose of ["email_marketing", "personalization"]) {
      const allowed = await db.$queryRaw<
        { id: number }[]
      >`SELECT c.id FROM customers c WHERE c.id IN (${a.id}, ${b.id}) AND ${await consentAllowsSql({ purpose })} ORDER BY c.id`;
      const expected = [];
      for (const c of [a, b]) if ((await mayUse({ customerId: c.id, purpose })).allowed) expected.push(c.id);
      expect(allowed.map((r) => r.id)).toEqual(expected);
    }
  });

  it("an admin-changed default applies at once to people without records", async () => {
    const c = await seedCustomer();
    await db.consentPurpose.create({ data: { key: "email_marketing", label: "Email marketing", defaultRule: "opt_out" } });
    expect((await mayUse({ customerId: c.id, purpose: "email_marketing" })).allowed).toBe(true);
    await db.consentPurpose.delete({ where: { key: "email_marketing" } });
    expect((await mayUse({ customerId: c.id, purpose: "email_marketing" })).allowed).toBe(false);
  });

  it("a default changes only with a reason, states how many people it decides for, and audit-logs both", async () => {
    const withRecord = await seedCustomer();
    await recordEmailConsent(withRecord.id, "denied");
    await db.customer.create({ data: { firstName: "No address" } }); // cannot become mailable
    const expected = await db.customer.count({ where: { email: { not: null }, consents: { none: { purpose: "email_marketing" } } } });
    const change = await previewPurposeDefault({ key: "email_marketing", defaultRule: "opt_out" });
    expect(change).toMatchObject({ from: "opt_in", to: "opt_out", withoutRecord: expected });
    expect(change.effect).toBe(
      `${expected.toLocaleString("en")} ${expected === 1 ? "person" : "people"} without a record will become mailable.`,
    );
    await expect(setPurposeDefault({ key: "email_marketing", defaultRule: "opt_out", reason: "  ", actor: admin })).rejects.toThrow(
      /Say why/,
    );
    expect((await listConsentPurposes()).find((p) => p.key === "email_marketing")?.defaultRule).toBe("opt_in");
    await setPurposeDefault({ key: "email_marketing", defaultRule: "opt_out", reason: "Legal approved", actor: admin });
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "consent_purpose.set_default" }, orderBy: { id: "desc" } });
    expect(entry.after).toEqual({ defaultRule: "opt_out", reason: "Legal approved", withoutRecord: expected, effect: change.effect });
    await db.consentPurpose.delete({ where: { key: "email_marketing" } });
  });

  it("an erased person is used for nothing, whatever their records say, and the preference centre says so", async () => {
    const c = await seedCustomer();
    await recordEmailConsent(c.id, "granted");
    expect((await mayUse({ customerId: c.id, purpose: "email_marketing" })).allowed).toBe(true);
    await eraseCustomer({ customerId: c.id, requestedBy: "data_subject", actor: admin });
    expect((await mayUse({ customerId: c.id, purpose: "email_marketing" })).allowed).toBe(false);
    expect((await mayUse({ customerId: c.id, purpose: "personalization" })).allowed).toBe(false);
    expect(await getPreferences({ token: createUnsubscribeToken({ customerId: c.id }) })).toEqual({ state: "gone" });
    await expect(eraseCustomer({ customerId: c.id, requestedBy: "data_subject", actor: admin })).rejects.toThrow(/erased already/);
  });

  it("never edits history: every change is a new record and an audit entry", async () => {
    const c = await seedCustomer();
    await recordEmailConsent(c.id, "granted", { proof: { reason: "Form" } });
    await recordEmailConsent(c.id, "withdrawn", { proof: { reason: "Asked by phone" } });
    expect(await db.consentRecord.count({ where: { customerId: c.id } })).toBe(2);
    const log = await db.auditLog.findMany({ where: { action: "consent.record", targetId: String(c.id) } });
    expect(log.map((l) => (l.after as { status: string }).status)).toEqual(["granted", "withdrawn"]);
  });
});

describe("one-click unsubscribe and the preference centre", () => {
  it("one click withdraws email consent, suppresses the address, and blocks a resubscribing import", async () => {
    const c = await seedCustomer();
    await recordEmailConsent(c.id, "granted", { source: "import", occurredAt: new Date("2020-01-01T00:00:00Z") });
    const result = await unsubscribeOneClick({
      token: createUnsubscribeToken({ customerId: c.id }),
      ip: "203.0.113.9",
      userAgent: "MailClient/1",
    });
    expect(result.unsubscribed).toBe(true);
    expect(await mayUse({ customerId: c.id, purpose: "email_marketing" })).toMatchObject({
      allowed: false,
      status: "withdrawn",
      suppressed: true,
    });
    const last = await db.consentRecord.findFirst({ where: { customerId: c.id }, orderBy: { id: "desc" } });
    expect(last).toMatchObject({
      source: "unsubscribe_link",
      status: "withdrawn",
      proof: { ip: "203.0.113.9", userAgent: "MailClient/1" },
    });
    expect(await findSuppressedAddresses({ emails: [c.email!] })).toEqual(new Set([c.email]));

    const report = await importTestFile({
      kind: "consent",
      name: "consent.csv",
      content: `email,purpose,status,occurred_at\n${c.email},email_marketing,granted,2025-01-01T00:00:00Z\n`,
    });
    expect(report).toMatchObject({ imported: 0, rejected: 1 });
    expect(await rejectionsOf(report.id)).toMatchObject([{ rowNumber: 1, field: "status" }]);
    await expect(recordEmailConsent(c.id, "granted", { source: "tracking_api" })).rejects.toThrow(/suppression list/);
  });

  it("a tampered token changes nothing", async () => {
    const c = await seedCustomer();
    const token = createUnsubscribeToken({ customerId: c.id });
    await expect(unsubscribeOneClick({ token: token.slice(0, -2) + "xx" })).rejects.toThrow(/damaged or was altered/);
    expect(await getPreferences({ token: token.replace(`v1.${c.id}.`, `v1.${c.id + 1}.`) })).toEqual({ state: "invalid" });
    expect(await db.consentRecord.count({ where: { customerId: c.id } })).toBe(0);
  });

  it("the preference centre shows each purpose and records only the changes, with proof", async () => {
    const c = await seedCustomer("anna.pref@shop.test");
    const token = createUnsubscribeToken({ customerId: c.id });
    const view = await getPreferences({ token });
    expect(view.state === "ok" && view.maskedEmail).toBe("a•••@shop.test");
    expect(view.state === "ok" && view.preferences.map((p) => [p.purpose.key, p.allowed])).toEqual([
      ["email_marketing", false],
      ["personalization", true],
    ]);
    const { changed } = await updatePreferences({
      token,
      choices: { email_marketing: true, personalization: false },
      ip: "198.51.100.1",
      userAgent: "Firefox",
      formVersion: "preference-centre v1",
    });
    expect(changed).toEqual(["email_marketing", "personalization"]);
    expect(
      (await updatePreferences({ token, choices: { email_marketing: true, personalization: false }, formVersion: "preference-centre v1" }))
        .changed,
    ).toEqual([]);
    const records = await db.consentRecord.findMany({ where: { customerId: c.id }, orderBy: { id: "asc" } });
    expect(records.map((r) => [r.purpose, r.status, r.source])).toEqual([
      ["email_marketing", "granted", "preference_centre"],
      ["personalization", "withdrawn", "preference_centre"],
    ]);
    expect(records[0]?.proof).toEqual({ ip: "198.51.100.1", userAgent: "Firefox", wording: "preference-centre v1" });
  });

  it("a person who unsubscribed may resubscribe themself in the preference centre", async () => {
    const c = await seedCustomer();
    const token = createUnsubscribeToken({ customerId: c.id });
    await unsubscribeOneClick({ token });
    await updatePreferences({ token, choices: { email_marketing: true }, formVersion: "v1" });
    expect(await mayUse({ customerId: c.id, purpose: "email_marketing" })).toMatchObject({ allowed: true, suppressed: false });
  });

  it("a hard bounce suppression is never lifted by the preference centre", async () => {
    const c = await seedCustomer();
    await addSuppression({ email: c.email!, reason: "hard_bounce", source: "smtp", actor: admin });
    await expect(
      updatePreferences({ token: createUnsubscribeToken({ customerId: c.id }), choices: { email_marketing: true }, formVersion: "v1" }),
    ).rejects.toThrow(/suppression list/);
  });
});

describe("consent CSV import", () => {
  it("imports valid rows, names each bad row's field, and is idempotent", async () => {
    const a = await seedCustomer("imp.a@shop.test");
    const b = await seedCustomer("imp.b@shop.test");
    const csv = [
      "Email,Purpose,Status,Occurred_At,IP,Wording",
      "IMP.A@shop.test,email_marketing,granted,2024-02-01T10:00:00Z,192.0.2.1,Checkout box v3",
      `,personalization,denied,2024-02-01T10:00:00Z,,`,
      "imp.b@shop.test,sms,granted,2024-02-01T10:00:00Z,,",
      "imp.b@shop.test,personalization,maybe,2024-02-01T10:00:00Z,,",
      "imp.b@shop.test,personalization,denied,yesterday,,",
      "nobody@shop.test,personalization,denied,2024-02-01,,",
      "not-an-email,personalization,denied,2024-02-01,,",
      "imp.b@shop.test,personalization,denied,2024-03-01T00:00:00+01:00,,",
    ].join("\n");
    const report = await importTestFile({ kind: "consent", name: "consent.csv", content: csv });
    expect(report).toMatchObject({ rowsRead: 8, imported: 2, alreadyPresent: 0, rejected: 6 });
    const rejected = await rejectionsOf(report.id);
    expect(rejected.map((r) => [r.rowNumber, r.field])).toEqual([
      [2, "email"],
      [3, "purpose"],
      [4, "status"],
      [5, "occurred_at"],
      [6, "email"],
      [7, "email"],
    ]);
    expect(rejected.find((r) => r.rowNumber === 6)?.reason).toMatch(/no customer has nobody@shop.test/);
    expect(await mayUse({ customerId: a.id, purpose: "email_marketing" })).toMatchObject({ allowed: true, status: "granted" });
    expect(await mayUse({ customerId: b.id, purpose: "personalization" })).toMatchObject({ allowed: false, status: "denied" });
    const rec = await db.consentRecord.findFirst({ where: { customerId: a.id } });
    // The import is the proof: its id and file travel with the record.
    expect(rec).toMatchObject({
      source: "import",
      proof: { ip: "192.0.2.1", wording: "Checkout box v3", importId: report.id, file: "consent.csv" },
    });

    const dry = await importTestFile({
      kind: "consent",
      name: "consent.csv",
      content: csv.replace(/2024-02-01T10/g, "2024-02-02T10"),
      dryRun: true,
    });
    // One row moved to another day is new; the other is held already. Nothing is written.
    expect(dry).toMatchObject({ imported: 1, alreadyPresent: 1 });
    expect(await db.consentRecord.count({ where: { customerId: { in: [a.id, b.id] } } })).toBe(2);

    const again = await importTestFile({ kind: "consent", name: "consent.csv", content: csv });
    expect(again).toMatchObject({ imported: 0, alreadyPresent: 2 });
    expect(await db.consentRecord.count({ where: { customerId: { in: [a.id, b.id] } } })).toBe(2);
  });

  it("refuses a file without the needed columns, saying which", async () => {
    await expect(importTestFile({ kind: "consent", name: "c.csv", content: "name,purpose\nx,y\n" })).rejects.toThrow(
      /columns "status", "occurred_at" missing/,
    );
    await expect(importTestFile({ kind: "consent", name: "c.csv", content: "name,purpose,status,occurred_at\nx,y,z,w\n" })).rejects.toThrow(
      /needs one of the columns "email", "customer_id"/,
    );
  });

  it("a consent file cancelled half-way adds nothing", async () => {
    const a = await seedCustomer("imp.seg@shop.test");
    const rows = Array.from(
      { length: 2500 },
      (_, i) =>
        `imp.seg@shop.test,email_marketing,granted,2024-01-01T00:00:${String(i % 60).padStart(2, "0")}.${String(i).padStart(3, "0").slice(-3)}Z`,
    );
    const controller = new AbortController();
    await expect(
      importTestFile({
        kind: "consent",
        name: "big.csv",
        content: ["email,purpose,status,occurred_at", ...rows].join("\n"),
        signal: controller.signal,
        onProgress: (p) => p.rowsRead && p.rowsRead >= 1000 && controller.abort(),
      }),
    ).rejects.toThrow(/cancelled/);
    expect(await db.consentRecord.count({ where: { customerId: a.id } })).toBe(0);
  });
});
