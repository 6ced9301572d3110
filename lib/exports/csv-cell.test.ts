import { describe, expect, it } from "vitest";
import { csvCell } from "./csv-cell";

describe("csvCell", () => {
  it("neutralises every value a spreadsheet would run as a formula: = + - @, a leading tab or carriage return", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell("+1+2")).toBe("'+1+2");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=cmd()")).toBe("'\t=cmd()");
    expect(csvCell("\r=cmd()")).toBe(`"'\r=cmd()"`);
  });

  it("quotes commas, quotes and line breaks; leaves plain values, numbers, dates and empty values as they are", () => {
    expect(csvCell('Smith, "Jo"')).toBe('"Smith, ""Jo"""');
    expect(csvCell("a\nb")).toBe('"a\nb"');
    expect(csvCell("jane@x.test")).toBe("jane@x.test");
    expect(csvCell(12.5)).toBe("12.5");
    expect(csvCell(-3.25)).toBe("-3.25");
    expect(csvCell(new Date("2026-01-02T03:04:05Z"))).toBe("2026-01-02T03:04:05.000Z");
    expect(csvCell(null)).toBe("");
  });
});
