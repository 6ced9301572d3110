import { describe, expect, it } from "vitest";
import { parseRow, type OnlineRetailRecord } from "./parse-row";

const base: OnlineRetailRecord = {
  InvoiceNo: "536365",
  StockCode: "85123A",
  Description: "WHITE STAR CANDLE HOLDER  ",
  Quantity: "6",
  InvoiceDate: "2010-12-01 08:26:00",
  UnitPrice: "2.55",
  CustomerID: "17850.0",
  Country: "United Kingdom",
};

const parse = (overrides: OnlineRetailRecord) => parseRow({ ...base, ...overrides });

function problemsOf(overrides: OnlineRetailRecord) {
  const result = parse(overrides);
  if (result.ok) throw new Error("expected a rejection");
  return result.problems;
}

describe("parseRow", () => {
  it("normalises a typical row", () => {
    expect(parse({})).toEqual({
      ok: true,
      row: {
        invoiceNo: "536365",
        stockCode: "85123A",
        description: "WHITE STAR CANDLE HOLDER",
        quantity: 6,
        invoiceDate: "2010-12-01 08:26:00",
        unitPrice: "2.550",
        unitPriceMillis: 2550,
        customerId: "17850",
        country: "United Kingdom",
      },
    });
  });

  it("keeps prices exact, up to 3 decimals", () => {
    const prices = { "0.001": "0.001", "0": "0.000", "-11062.06": "-11062.060", ".5": "0.500", "+3": "3.000", "38970.00": "38970.000" };
    for (const [input, expected] of Object.entries(prices)) {
      const result = parse({ UnitPrice: input });
      expect(result.ok && result.row.unitPrice).toBe(expected);
    }
  });

  it("accepts what the real file holds: zero price, negative quantity, empty description, no customer", () => {
    const result = parse({ InvoiceNo: "C536379", Quantity: "-1", UnitPrice: "0", Description: "", CustomerID: "", Country: "" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.row).toMatchObject({ invoiceNo: "C536379", quantity: -1, description: "", customerId: null, country: null });
  });

  it("accepts whole numbers written as floats and dates without seconds", () => {
    const result = parse({ Quantity: "12.0", InvoiceDate: "2011-02-28T23:59" });
    expect(result.ok && [result.row.quantity, result.row.invoiceDate]).toEqual([12, "2011-02-28 23:59:00"]);
  });

  it("rejects a missing invoice number", () => {
    expect(problemsOf({ InvoiceNo: "  " })).toEqual([{ field: "InvoiceNo", reason: "missing invoice number" }]);
  });

  it.each(["", "12/1/2010 8:26", "2011-02-29 10:00:00", "2011-13-01 10:00:00", "2011-01-01 24:00:00", "yesterday"])(
    "rejects the date %j",
    (date) => {
      expect(problemsOf({ InvoiceDate: date }).map((p) => p.field)).toEqual(["InvoiceDate"]);
    },
  );

  it.each(["", "1.5", "six", "99999999999", "1e3"])("rejects the quantity %j", (quantity) => {
    expect(problemsOf({ Quantity: quantity })).toEqual([{ field: "Quantity", reason: `not a whole number: "${quantity}"` }]);
  });

  it.each(["", "1.2345", "abc", "1,50", "NaN", "1234567890.5", "."])("rejects the price %j", (price) => {
    expect(problemsOf({ UnitPrice: price }).map((p) => p.field)).toEqual(["UnitPrice"]);
  });

  it("rejects a line total that does not fit", () => {
    expect(problemsOf({ Quantity: "2000000000", UnitPrice: "999999.999" })[0]?.reason).toMatch(/too large/);
  });

  it("reports every unreadable field of a row", () => {
    expect(problemsOf({ InvoiceNo: "", Quantity: "x", UnitPrice: "y", InvoiceDate: "z" }).map((p) => p.field)).toEqual([
      "InvoiceNo",
      "InvoiceDate",
      "Quantity",
      "UnitPrice",
    ]);
  });
});
