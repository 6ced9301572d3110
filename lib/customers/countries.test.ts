import { describe, expect, it } from "vitest";
import { countryCode, countryName, normalizeCountry } from "./countries";

describe("countries", () => {
  it("read codes in any case, English names and the spellings files use, as ISO 3166-1 codes", () => {
    const cases: Record<string, string> = {
      GB: "GB",
      gb: "GB",
      UK: "GB",
      "United Kingdom": "GB",
      "  united kingdom ": "GB",
      "Great Britain": "GB",
      EIRE: "IE",
      Ireland: "IE",
      RSA: "ZA",
      USA: "US",
      "U.S.A.": "US",
      "United States of America": "US",
      "Czech Republic": "CZ",
      Czechia: "CZ",
      "Hong Kong": "HK",
      "St Lucia": "LC",
      "Saint Lucia": "LC",
      "Bosnia and Herzegovina": "BA",
      "Côte d’Ivoire": "CI",
      Germany: "DE",
      Deutschland: "DE",
    };
    for (const [given, code] of Object.entries(cases)) expect([given, countryCode(given)]).toEqual([given, code]);
  });

  it("keep what is not a country as written, and show stored codes as names", () => {
    expect(countryCode("Channel Islands")).toBeNull();
    expect(normalizeCountry("Channel Islands")).toBe("Channel Islands");
    expect(normalizeCountry("European Community")).toBe("European Community");
    expect(normalizeCountry("  ")).toBeNull();
    expect(normalizeCountry("DD")).toBe("DD"); // a withdrawn code is no country today
    expect(countryName("GB")).toBe("United Kingdom");
    expect(countryName("Channel Islands")).toBe("Channel Islands");
  });
});
