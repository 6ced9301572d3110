import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../../db";
import { importTestFile, rejectionsOf } from "../../../../test/import-test-file";

beforeEach(async () => {
  await db.$executeRawUnsafe("TRUNCATE products RESTART IDENTITY CASCADE");
  // A product known from orders, without url or image yet.
  await db.product.create({ data: { sku: "MUG-1", name: "ENAMEL MUG", category: "kitchen", price: 12 } });
});

const FILE = [
  "SKU,Name,Category,Price,URL,Image_URL",
  "MUG-1,,,,https://shop.example/mug,https://cdn.shop.example/mug.jpg",
  'POT-2,"Tea pot, large",kitchen,"1,234.50",https://shop.example/pot,',
  "RAKE-3,Garden rake,garden,abc,https://shop.example/rake,",
  "BAD-4,Bad link,garden,5,javascript:alert(1),",
  ",No sku,garden,5,,",
].join("\n");

describe("product catalogue import", () => {
  it("creates new products, fills known ones (empty cells keep what is stored), and rejects rows with what is wrong", async () => {
    const report = await importTestFile({ kind: "product-catalogue", name: "catalogue.csv", content: FILE });
    expect(report).toMatchObject({ rowsRead: 5, imported: 1, updated: 1, alreadyPresent: 0, rejected: 3 });
    expect(await db.product.findUniqueOrThrow({ where: { sku: "MUG-1" } })).toMatchObject({
      name: "ENAMEL MUG",
      category: "kitchen",
      url: "https://shop.example/mug",
      imageUrl: "https://cdn.shop.example/mug.jpg",
    });
    const pot = await db.product.findUniqueOrThrow({ where: { sku: "POT-2" } });
    expect(pot).toMatchObject({ name: "Tea pot, large", category: "kitchen", url: "https://shop.example/pot", imageUrl: null });
    expect(Number(pot.price)).toBe(1234.5);
    expect(await db.product.count()).toBe(2);
    expect((await rejectionsOf(report.id)).map((r) => [r.rowNumber, r.field, r.reason])).toEqual([
      [3, "price", 'not a number: "abc"'],
      [4, "url", 'not a web address (http:// or https://): "javascript:alert(1)"'],
      [5, "sku", "empty: every product needs its SKU"],
    ]);

    // The same file again changes nothing; a new price updates one product.
    const again = await importTestFile({ kind: "product-catalogue", name: "catalogue.csv", content: FILE });
    expect(again).toMatchObject({ imported: 0, updated: 0, alreadyPresent: 2, rejected: 3 });
    const repriced = await importTestFile({ kind: "product-catalogue", name: "prices.csv", content: "sku,price\nPOT-2,30\n" });
    expect(repriced).toMatchObject({ imported: 0, updated: 1 });
    expect(await db.product.findUniqueOrThrow({ where: { sku: "POT-2" } })).toMatchObject({
      name: "Tea pot, large",
      url: "https://shop.example/pot",
    });
  });

  it("refuses a file without a sku column, and a dry run stores nothing", async () => {
    await expect(importTestFile({ kind: "product-catalogue", name: "x.csv", content: "name,price\nMug,3\n" })).rejects.toThrow(
      /not a product catalogue.*"sku" missing/,
    );
    const dry = await importTestFile({ kind: "product-catalogue", name: "c.csv", content: FILE, dryRun: true });
    expect(dry).toMatchObject({ imported: 2, rejected: 3 });
    expect(await db.product.count()).toBe(1);
    expect((await db.product.findUniqueOrThrow({ where: { sku: "MUG-1" } })).url).toBeNull();
  });
});
