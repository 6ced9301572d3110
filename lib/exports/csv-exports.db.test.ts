import { describe, expect, it } from "vitest";
import { exportSuppressionCsv } from "../consent/suppression-csv";
import { db } from "../db";
import { streamRejectionsCsv } from "../imports/stream-rejections-csv";

// Every CSV file Tailor writes goes through csvCell (csv-cell.ts); the segment export and the
// campaign report are checked in their own tests. A leading tab or carriage return is a formula too.
describe("CSV exports neutralise formulas, a leading tab or carriage return included", () => {
  it("the suppression list", async () => {
    await db.suppression.create({ data: { addressHash: `h-${Date.now()}`, email: "tab@x.test", reason: "manual", note: "\t=1+1" } });
    await db.suppression.create({ data: { addressHash: `h2-${Date.now()}`, email: "cr@x.test", reason: "manual", note: "\r@SUM(A1)" } });
    const csv = await exportSuppressionCsv();
    expect(csv).toContain(",'\t=1+1,");
    expect(csv).toContain(`,"'\r@SUM(A1)",`);
  });

  it("an import's rejected rows", async () => {
    const job = await db.importJob.create({ data: { kind: "customers", fileName: "x.csv" } });
    await db.importRejection.createMany({
      data: [
        { importJobId: job.id, rowNumber: 2, field: "email", reason: "not an email", raw: "\t=HYPERLINK(1)" },
        { importJobId: job.id, rowNumber: 3, field: "email", reason: "not an email", raw: "-2+3" },
      ],
    });
    const csv = await new Response(streamRejectionsCsv({ importJobId: job.id })).text();
    expect(csv).toContain(",'\t=HYPERLINK(1)");
    expect(csv).toContain(",'-2+3");
  });
});
