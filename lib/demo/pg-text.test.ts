import { describe, expect, it } from "vitest";
import { copyField, jsonb, money, timestamp } from "./pg-text";

describe("COPY text as PostgreSQL prints it", () => {
  it("formats exact amounts as numeric(…, 3)", () => {
    expect(money(1299)).toBe("12.990");
    expect(money(-50)).toBe("-0.500");
    expect(money(0)).toBe("0.000");
    expect(money(5)).toBe("0.050");
    expect(money(123_456_789)).toBe("1234567.890");
    expect(() => money(1.5)).toThrow();
  });

  it("formats timestamps in UTC with trailing zeros of the fraction trimmed", () => {
    expect(timestamp(Date.UTC(2024, 4, 1, 9, 3, 7, 250))).toBe("2024-05-01 09:03:07.25+00");
    expect(timestamp(Date.UTC(2024, 4, 1, 9, 3, 7, 5))).toBe("2024-05-01 09:03:07.005+00");
    expect(timestamp(Date.UTC(2024, 11, 31, 23, 59, 59, 0))).toBe("2024-12-31 23:59:59+00");
  });

  it("escapes COPY's special characters and writes null as \\N", () => {
    expect(copyField("a\tb\nc\\d\re")).toBe("a\\tb\\nc\\\\d\\re");
    expect(copyField("Müller")).toBe("Müller");
    expect(copyField(null)).toBe("\\N");
  });

  it("writes JSON in jsonb's canonical form (key order: length, then bytes)", () => {
    // The same value printed by PostgreSQL 15: select '{"b":1,"aa":2,"a":[1,"x",{"zz":null,"y":true}],"ab":12.5}'::jsonb
    expect(jsonb({ b: 1, aa: 2, a: [1, "x", { zz: null, y: true }], ab: 12.5 })).toBe(
      '{"a": [1, "x", {"y": true, "zz": null}], "b": 1, "aa": 2, "ab": 12.5}',
    );
    expect(jsonb({ s: 'quote " and \\ back' })).toBe('{"s": "quote \\" and \\\\ back"}');
    expect(() => jsonb({ n: Number.NaN })).toThrow();
  });
});
