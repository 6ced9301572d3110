import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { detectCsvFormat } from "./detect-csv-format";
import { normalizeEmail, normalizePhone } from "./normalize-contact";
import { guessDateOrder, parseDate } from "./parse-date";
import { parseDecimal } from "./parse-decimal";

describe("parseDate", () => {
  it("reads ISO dates with and without time and zone", () => {
    expect(parseDate("2024-03-05", "auto")).toBe("2024-03-05 00:00:00");
    expect(parseDate("2024-03-05 10:15:00 +0100", "auto")).toBe("2024-03-05 10:15:00+01:00");
    expect(parseDate("2024-03-05T10:15:00.123456Z", "auto")).toBe("2024-03-05 10:15:00.123+00:00");
  });
  it("reads US and European dates in the order given", () => {
    expect(parseDate("03/04/2024", "us")).toBe("2024-03-04 00:00:00");
    expect(parseDate("03/04/2024", "eu")).toBe("2024-04-03 00:00:00");
    expect(parseDate("12/31/2023 5:30 PM", "us")).toBe("2023-12-31 17:30:00");
    expect(parseDate("31.12.2023 23:59", "eu")).toBe("2023-12-31 23:59:00");
  });
  it("refuses impossible and ambiguous dates", () => {
    expect(parseDate("2023-02-29", "auto")).toBeNull();
    expect(parseDate("13/31/2023", "us")).toBeNull();
    expect(parseDate("03/04/2024", "auto")).toBeNull();
    expect(parseDate("25/12/2023", "auto")).toBe("2023-12-25 00:00:00");
    expect(parseDate("yesterday", "eu")).toBeNull();
  });
  it("guesses a column's order, or calls it ambiguous", () => {
    expect(guessDateOrder(["03/04/2024", "25/12/2023"])).toEqual({ order: "eu" });
    expect(guessDateOrder(["03/04/2024", "12/31/2023"])).toEqual({ order: "us" });
    expect(guessDateOrder(["03/04/2024", "05/06/2024"])).toEqual({ order: null, example: "03/04/2024" });
    expect(guessDateOrder(["2024-01-01"])).toEqual({ order: "iso" });
  });
});

describe("parseDecimal", () => {
  it.each([
    ["1,234.56", "1234.56"],
    ["1.234,56", "1234.56"],
    ["12,50", "12.50"],
    ["€ 1 234,00", "1234.00"],
    ["$1,299", "1299"],
    ["(5.00)", "-5.00"],
    ["-3", "-3"],
    ["1'234.50", "1234.50"],
    ["GBP 0.99", "0.99"],
    ["1.234.567", "1234567"],
  ])("reads %j as %j", (input, expected) => {
    expect(parseDecimal(input)).toBe(expected);
  });
  it.each(["", "abc", "1,2,3", "1.2.3,4,5", "--1"])("refuses %j", (input) => {
    expect(parseDecimal(input)).toBeNull();
  });
});

describe("contacts", () => {
  it("trims, lower-cases and checks emails", () => {
    expect(normalizeEmail("  Ada@Example.COM ")).toBe("ada@example.com");
    expect(normalizeEmail("no-at-sign")).toBeNull();
    expect(normalizeEmail("a@b")).toBeNull();
  });
  it("normalises phones to E.164 in the default region", () => {
    expect(normalizePhone("07911 123456", "GB")).toBe("+447911123456");
    expect(normalizePhone("+33 6 12 34 56 78", "GB")).toBe("+33612345678");
    expect(normalizePhone("12", "GB")).toBeNull();
  });
});

describe("detectCsvFormat", () => {
  it("detects UTF-8 with BOM, Latin-1, and the delimiter", () => {
    expect(detectCsvFormat(Buffer.from("\uFEFFa;b;c\n1;2;3\n"))).toEqual({ encoding: "utf-8", delimiter: ";" });
    expect(detectCsvFormat(iconv.encode("name\tcity\nZoë\tKöln\n", "latin1"))).toEqual({ encoding: "latin1", delimiter: "\t" });
    expect(detectCsvFormat(Buffer.from('a,"x;y;z",c\n1,"2;3",4\n'))).toEqual({ encoding: "utf-8", delimiter: "," });
  });
  it("refuses what is not a CSV with one clear error", () => {
    expect(() => detectCsvFormat(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1]))).toThrow(/ZIP archive/);
    expect(() => detectCsvFormat(Buffer.from([0xff, 0xfe, 0x41, 0]))).toThrow(/UTF-16/);
    expect(() => detectCsvFormat(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1]))).toThrow(/not a CSV file/);
    expect(() => detectCsvFormat(Buffer.alloc(0))).toThrow(/empty/);
  });
});
