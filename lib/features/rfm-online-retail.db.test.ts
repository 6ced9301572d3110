import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ONLINE_RETAIL_CSV } from "../../test/online-retail-file";
import { db } from "../db";
import { createImportRecord } from "../imports/create-import-record";
import { runImport } from "../imports/run-import";
import { getRfmSummary } from "./get-rfm-summary";
import { rebuildCustomerFeatures } from "./rebuild-customer-features";

/**
 * The RFM figures on the UCI Online Retail file, imported through the real importer, with
 * the reference date pinned to 2011-12-10 00:00 UTC. The file is not part of the repository: it is read from
 * ../shared/data/online-retail.csv (or ONLINE_RETAIL_CSV); without it the test is skipped (and says so).
 */
const FILE = ONLINE_RETAIL_CSV;

describe.skipIf(!existsSync(FILE))(`RFM on the Online Retail file (${FILE})`, () => {
  it("scores 4,339 customers with the published quintiles, names and examples", async () => {
    await db.setting.upsert({
      where: { id: 1 },
      create: { id: 1, timeZone: "UTC", referenceDate: new Date("2011-12-10T00:00:00Z") },
      update: { timeZone: "UTC", referenceDate: new Date("2011-12-10T00:00:00Z") },
    });
    const { id } = await createImportRecord({ kind: "online-retail", fileName: "online-retail.csv" });
    await runImport({ importJobId: id, filePath: FILE });
    await rebuildCustomerFeatures();
    const s = await getRfmSummary();
    expect(s.population).toBe(4339);
    expect(s.r).toEqual([869, 889, 866, 889, 826]);
    expect(s.f).toEqual([1494, 835, 508, 802, 700]);
    expect(s.m).toEqual([868, 868, 868, 868, 867]);
    expect(Object.fromEntries(s.segments.map((x) => [x.name, x.customers]))).toEqual({
      Hibernating: 1349,
      "Loyal Customers": 708,
      Champions: 577,
      "About to Sleep": 475,
      "Potential Loyalists": 474,
      "At Risk": 372,
      Promising: 168,
      "Need Attention": 116,
      "New Customers": 63,
      "Can't Lose Them": 37,
    });
    const rows = await db.$queryRawUnsafe<{ value: string; recency_days: number; frequency: number; monetary: string; rfm_code: string }[]>(
      `SELECT i.value, f.recency_days, f.frequency, f.monetary::text, f.rfm_code FROM customer_features f
       JOIN identities i ON i.customer_id = f.customer_id AND i.type = 'external_id' WHERE i.value IN ('12347', '17850', '12346') ORDER BY i.value`,
    );
    expect(rows).toEqual([
      { value: "12346", recency_days: 325, frequency: 1, monetary: "0.00", rfm_code: "111" },
      { value: "12347", recency_days: 2, frequency: 7, monetary: "4310.00", rfm_code: "555" },
      { value: "17850", recency_days: 372, frequency: 34, monetary: "5288.63", rfm_code: "155" },
    ]);
  }, 240_000);
});
