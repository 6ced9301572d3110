import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../../db";
import { customerByEmail, importTestFile, rejectionsOf } from "../../../../test/import-test-file";
import { sharedCsvHeader } from "../../../../test/shared-data";
import { buildZip } from "../../../../test/write-zip";

/** The header of Mailchimp's audience export, from the sample under ../shared/data. */
const BASE = sharedCsvHeader("formats/mailchimp-audience-export-sample.csv");
const SUBSCRIBED = [
  BASE,
  'ann@example.com,Ann,Lee,4,"2021-03-01 09:00:00",203.0.113.5,"2021-03-01 09:05:00",203.0.113.5,,,,,,GB,,"2021-03-01 09:05:00",11,aa,',
  'bob@example.com,Bob,,2,,,"2016-04-18 10:12:30",,,,,,,,,"2016-04-18 10:12:30",12,bb,',
  "broken,Nobody,,1,,,,,,,,,,,,,13,cc,",
].join("\n");
const UNSUBSCRIBED = [
  `${BASE},UNSUB_TIME,UNSUB_CAMPAIGN_TITLE,UNSUB_CAMPAIGN_ID,UNSUB_REASON,UNSUB_REASON_OTHER`,
  'cy@example.com,Cy,,2,"2020-01-01 10:00:00",,,,,,,,,US,,"2022-05-05 12:00:00",14,dd,,"2022-05-05 12:00:00",Spring sale,abc,NORMAL,',
].join("\n");
const CLEANED = [
  `${BASE},CLEAN_TIME,CLEAN_CAMPAIGN_TITLE,CLEAN_CAMPAIGN_ID`,
  'dee@example.com,Dee,,1,,,,,,,,,,,,"2023-01-01 00:00:00",15,ee,,"2023-01-02 08:00:00",Newsletter,xyz',
].join("\n");

function exportZip(): Buffer {
  return buildZip([
    { name: "members_export_abc/subscribed_members_export_abc.csv", content: SUBSCRIBED },
    { name: "members_export_abc/unsubscribed_members_export_abc.csv", content: UNSUBSCRIBED },
    { name: "members_export_abc/cleaned_members_export_abc.csv", content: CLEANED },
  ]);
}

beforeEach(async () => {
  await db.$executeRawUnsafe("TRUNCATE customers, import_jobs, audit_log RESTART IDENTITY CASCADE");
});

describe("importing a Mailchimp audience export", () => {
  it("reads all three files of the ZIP: consent per file, opt-in and confirmation as proof", async () => {
    const report = await importTestFile({ kind: "mailchimp", name: "audience.zip", content: exportZip() });
    expect(report).toMatchObject({ rowsRead: 5, imported: 4, rejected: 1 });
    const ann = await customerByEmail("ann@example.com");
    expect(ann?.consents).toHaveLength(1);
    expect(ann?.consents[0]).toMatchObject({ purpose: "email_marketing", status: "granted", source: "import" });
    expect(ann?.consents[0]?.occurredAt.toISOString()).toBe("2021-03-01T09:05:00.000Z");
    expect(ann?.consents[0]?.proof).toMatchObject({
      mailchimpStatus: "subscribed",
      optinTime: "2021-03-01 09:00:00",
      optinIp: "203.0.113.5",
      confirmTime: "2021-03-01 09:05:00",
      confirmIp: "203.0.113.5",
    });
    const cy = await customerByEmail("cy@example.com");
    expect(cy?.consents).toMatchObject([{ status: "withdrawn", proof: { mailchimpStatus: "unsubscribed", unsubscribeReason: "NORMAL" } }]);
    expect(cy?.consents[0]?.occurredAt.toISOString()).toBe("2022-05-05T12:00:00.000Z");
    const dee = await customerByEmail("dee@example.com");
    expect(dee?.consents).toMatchObject([{ status: "denied", source: "import", proof: { mailchimpStatus: "cleaned" } }]);
    // A cleaned address is suppressed: every send consults the list.
    expect(await db.suppression.findMany({ select: { email: true, reason: true, source: true } })).toEqual([
      { email: "dee@example.com", reason: "hard_bounce", source: "import:mailchimp" },
    ]);
    const rejected = await rejectionsOf(report.id);
    expect(rejected).toMatchObject([{ rowNumber: 3, field: "Email Address" }]);
    expect(rejected[0]?.reason).toMatch(/not an email address: "broken" \(subscribed_members_export_abc\.csv\)/);

    const again = await importTestFile({ kind: "mailchimp", name: "audience.zip", content: exportZip() });
    expect(again).toMatchObject({ imported: 0, updated: 0, alreadyPresent: 4 });
    expect(await db.consentRecord.count()).toBe(4);
    expect(await db.suppression.count()).toBe(1);
  });

  it("reads one of the CSVs alone, its list told by its columns", async () => {
    const report = await importTestFile({ kind: "mailchimp", name: "export.csv", content: CLEANED });
    expect(report).toMatchObject({ imported: 1 });
    expect((await customerByEmail("dee@example.com"))?.consents).toMatchObject([{ status: "denied" }]);
  });

  it("records a later unsubscribe for someone already subscribed", async () => {
    await importTestFile({
      kind: "mailchimp",
      name: "subscribed.csv",
      content: [BASE, 'cy@example.com,Cy,,2,"2020-01-01 10:00:00",,,,,,,,,US,,"2020-01-01 10:00:00",14,dd,'].join("\n"),
    });
    const report = await importTestFile({ kind: "mailchimp", name: "unsubscribed.csv", content: UNSUBSCRIBED });
    expect(report).toMatchObject({ imported: 0, updated: 1 });
    expect((await customerByEmail("cy@example.com"))?.consents.map((c) => c.status)).toEqual(["granted", "withdrawn"]);
  });

  it("gives one clear error for a ZIP without audience files", async () => {
    const zip = buildZip([{ name: "readme.txt", content: "hello" }]);
    await expect(importTestFile({ kind: "mailchimp", name: "other.zip", content: zip })).rejects.toThrow(
      /holds no Mailchimp audience files .* it contains readme\.txt/,
    );
  });
});
