import { describe, expect, it } from "vitest";
import { systemActor } from "../audit/write-audit-log";
import { setPurposeDefault } from "../consent/save-consent-purpose";
import { db } from "../db";
import { explainMembership } from "./explain-membership";
import { previewSegment } from "./preview-segment";
import { segmentRulesSchema } from "./schemas";

const allows = (purpose: "email_marketing" | "personalization") =>
  segmentRulesSchema.parse({ type: "group", op: "and", children: [{ type: "condition", kind: "consent", purpose, allowed: true }] });
const count = async (purpose: "email_marketing" | "personalization") =>
  (await previewSegment({ rules: allows(purpose), sampleSize: 0 })).total;

describe("segment consent conditions follow the purpose defaults", () => {
  it("uses the built-in defaults, then the default an admin sets, and records always win", async () => {
    const none = await db.customer.create({ data: { email: "none@x.test" } });
    const granted = await db.customer.create({ data: { email: "yes@x.test" } });
    const objected = await db.customer.create({ data: { email: "no@x.test" } });
    await db.consentRecord.createMany({
      data: [
        { customerId: granted.id, purpose: "email_marketing", status: "granted", source: "import", occurredAt: new Date("2026-01-01") },
        { customerId: granted.id, purpose: "personalization", status: "granted", source: "import", occurredAt: new Date("2026-01-01") },
        { customerId: objected.id, purpose: "personalization", status: "denied", source: "import", occurredAt: new Date("2026-01-01") },
      ],
    });
    expect(none.id).toBeLessThan(objected.id);
    // Built in: email marketing is opt-in, personalization opt-out.
    expect(await count("email_marketing")).toBe(1);
    expect(await count("personalization")).toBe(2);
    // An admin makes personalization opt-in and email marketing opt-out.
    await setPurposeDefault({
      key: "personalization",
      defaultRule: "opt_in",
      reason: "Test: opt-in profiling",
      actor: systemActor("system"),
    });
    await setPurposeDefault({
      key: "email_marketing",
      defaultRule: "opt_out",
      reason: "Test: opt-out email",
      actor: systemActor("system"),
    });
    expect(await count("personalization")).toBe(1);
    expect(await count("email_marketing")).toBe(3);
    // The explanation of a customer without records names the default the admin set, and agrees with the count.
    const why = await explainMembership({ rules: allows("email_marketing"), customerId: none.id });
    expect(why.matches).toBe(true);
    expect(why.conditions[0]).toMatchObject({ met: true, value: "no record: opt-out default, allowed" });
    const whyNot = await explainMembership({ rules: allows("personalization"), customerId: none.id });
    expect(whyNot.conditions[0]).toMatchObject({ met: false, value: "no record: opt-in default, not allowed" });
  });
});
