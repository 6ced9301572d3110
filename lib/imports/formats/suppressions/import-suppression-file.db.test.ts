import { describe, expect, it } from "vitest";
import { importTestFile, rejectionsOf } from "../../../../test/import-test-file";
import { findSuppressedAddresses } from "../../../consent/find-suppressed-addresses";
import { db } from "../../../db";

describe("importing a suppression list", () => {
  it("adds valid addresses once, keeps those already listed, and rejects bad rows by field", async () => {
    const csv = [
      "Email,Reason,Note",
      "One@Shop.test,hard_bounce,old ESP",
      "two@shop.test,,",
      "not-an-address,manual,",
      "three@shop.test,bored,",
      "one@shop.test,complaint,again",
    ].join("\n");
    const dry = await importTestFile({ kind: "suppressions", name: "list.csv", content: csv, dryRun: true });
    expect(dry).toMatchObject({ rowsRead: 5, imported: 2, rejected: 2 });
    expect(await findSuppressedAddresses({ emails: ["one@shop.test", "two@shop.test"] })).toEqual(new Set());

    const report = await importTestFile({ kind: "suppressions", name: "list.csv", content: csv });
    expect(report).toMatchObject({ rowsRead: 5, imported: 2, alreadyPresent: 1, rejected: 2 });
    expect((await rejectionsOf(report.id)).map((r) => [r.rowNumber, r.field])).toEqual([
      [3, "email"],
      [4, "reason"],
    ]);
    expect(await findSuppressedAddresses({ emails: ["one@shop.test", "two@shop.test", "three@shop.test"] })).toEqual(
      new Set(["one@shop.test", "two@shop.test"]),
    );
    expect(await db.suppression.findFirst({ where: { email: "one@shop.test" } })).toMatchObject({
      reason: "hard_bounce",
      source: "csv_import",
      note: "old ESP",
    });

    const again = await importTestFile({ kind: "suppressions", name: "list.csv", content: csv });
    expect(again).toMatchObject({ imported: 0, alreadyPresent: 3 });
  });

  it("refuses a file without an email column, saying what it needs", async () => {
    await expect(importTestFile({ kind: "suppressions", name: "x.csv", content: "address,reason\na@b.test,manual\n" })).rejects.toThrow(
      /not a suppression list .*"email" missing/,
    );
  });
});
