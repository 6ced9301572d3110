import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { systemActor } from "../audit/write-audit-log";
import { db } from "../db";
import { closeQueues } from "../jobs/get-queue";
import { deleteSegment } from "./delete-segment";
import { duplicateSegment } from "./duplicate-segment";
import { exportSegmentCsv } from "./export-segment-csv";
import { recordConsent } from "../consent/record-consent";
import { listSegmentMembers } from "./list-segment-members";
import { listSegments } from "./list-segments";
import { rebuildSegment } from "./rebuild-segment";
import { saveSegment } from "./save-segment";
import { segmentRulesSchema } from "./schemas";

const actor = systemActor("system");
const everyoneIn = (country: string) =>
  segmentRulesSchema.parse({
    type: "group",
    op: "and",
    children: [{ type: "condition", kind: "attribute", field: "country", valueType: "text", op: "eq", value: country }],
  });

beforeEach(async () => {
  await db.$executeRawUnsafe("TRUNCATE customers, segments RESTART IDENTITY CASCADE");
  await db.$executeRawUnsafe("TRUNCATE audit_log");
});
afterAll(async () => {
  await closeQueues();
});

describe("saved segments", () => {
  it("stores members, pages them by id, exports them as CSV safe for spreadsheets, and lists the size", async () => {
    await db.customer.createMany({
      data: [
        { email: "a@x.test", firstName: 'Ann, "the" first', country: "FR" },
        { email: "b@x.test", firstName: "=cmd()", country: "FR" },
        { email: "c@x.test", country: "DE" },
        { email: "d@x.test", country: "FR" },
      ],
    });
    const { id } = await saveSegment({ input: { name: "France", description: "French customers", rules: everyoneIn("FR") }, actor });
    expect(await db.auditLog.findMany({ where: { targetId: id }, select: { action: true } })).toEqual([{ action: "segment.created" }]);
    await rebuildSegment({ segmentId: id });
    const first = await listSegmentMembers({ segmentId: id, limit: 2 });
    expect(first.members.map((m) => m.email)).toEqual(["a@x.test", "b@x.test"]);
    const second = await listSegmentMembers({ segmentId: id, limit: 2, after: first.nextAfter! });
    expect(second).toMatchObject({ members: [{ email: "d@x.test" }], nextAfter: null });

    const csv = await new Response(await exportSegmentCsv({ segmentId: id, mailableOnly: false })).text();
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe(
      "customer_id,email,first_name,last_name,country,entered_at,mailable,consent_email_marketing,consent_personalization",
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('"Ann, ""the"" first"');
    expect(lines[2]).toContain(",'=cmd(),");
    // Nobody granted email marketing (opt-in): nobody is mailable, and the default export leaves them all out.
    expect(lines[1]).toMatch(/,no: no email consent,not allowed,allowed$/);
    expect((await new Response(await exportSegmentCsv({ segmentId: id })).text()).trim().split("\n")).toHaveLength(1);
    const ann = (await db.customer.findFirstOrThrow({ where: { email: "a@x.test" } })).id;
    await recordConsent({ customerId: ann, purpose: "email_marketing", status: "granted", source: "admin", actor });
    const mailable = (await new Response(await exportSegmentCsv({ segmentId: id })).text()).trim().split("\n");
    expect(mailable).toHaveLength(2);
    expect(mailable[1]).toMatch(new RegExp(`^${ann},a@x.test,.*,yes,allowed,allowed$`));

    const [listed] = await listSegments();
    expect(listed).toMatchObject({ name: "France", memberCount: 3, buildStatus: "idle" });
    expect(listed!.sizes).toHaveLength(1);
  });

  it("duplicates with the same rules, and refuses to delete a segment another one uses", async () => {
    const { id } = await saveSegment({ input: { name: "France", description: "", rules: everyoneIn("FR") }, actor });
    const copy = await duplicateSegment({ id, actor });
    expect(await db.segment.findUniqueOrThrow({ where: { id: copy.id }, select: { name: true, rules: true } })).toMatchObject({
      name: "France (copy)",
      rules: everyoneIn("FR"),
    });
    await saveSegment({
      input: {
        name: "Uses France",
        description: "",
        rules: segmentRulesSchema.parse({ type: "group", op: "and", children: [{ type: "condition", kind: "segment", segmentId: id }] }),
      },
      actor,
    });
    await expect(deleteSegment({ id, actor })).rejects.toThrow("Other segments use this one: “Uses France”");
    await deleteSegment({ id: copy.id, actor });
    expect(await db.segment.count()).toBe(2);
  });

  it("refuses a second segment of the same name (in any case), so that a condition picked by name is never ambiguous", async () => {
    const { id } = await saveSegment({ input: { name: "France", description: "", rules: everyoneIn("FR") }, actor });
    await expect(saveSegment({ input: { name: " FRANCE ", description: "", rules: everyoneIn("FR") }, actor })).rejects.toThrow(
      "A segment named “FRANCE” exists already: choose another name",
    );
    // Saving a segment under its own name again is no conflict; copies get names of their own.
    await saveSegment({ id, input: { name: "France", description: "changed", rules: everyoneIn("FR") }, actor });
    const first = await duplicateSegment({ id, actor });
    const second = await duplicateSegment({ id, actor });
    const name = async (segmentId: string) => (await db.segment.findUniqueOrThrow({ where: { id: segmentId } })).name;
    expect([await name(first.id), await name(second.id)]).toEqual(["France (copy)", "France (copy 2)"]);
  });

  it("refuses rules that name a field that does not exist, saying which condition", async () => {
    const bad = segmentRulesSchema.parse({
      type: "group",
      op: "and",
      children: [{ type: "condition", kind: "attribute", field: "shoeSize", valueType: "text", op: "eq", value: "42" }],
    });
    await expect(saveSegment({ input: { name: "Bad", description: "", rules: bad }, actor })).rejects.toThrow(
      /Condition 1: "shoeSize" is not a profile field/,
    );
    expect(await db.segment.count()).toBe(0);
  });
});
