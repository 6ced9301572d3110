import { describe, expect, it } from "vitest";
import { identifiersOfCall } from "./identifiers-of-call";
import { blocklistForms, normalizeEmail, normalizePhone } from "./normalize-identifier";

describe("normalizeEmail", () => {
  it("trims and lowercases, and folds nothing else", () => {
    expect(normalizeEmail("  Ann.Lee+News@GMail.com ")).toBe("ann.lee+news@gmail.com");
    expect(normalizeEmail("annlee@gmail.com")).not.toBe(normalizeEmail("ann.lee@gmail.com"));
  });
  it("refuses what is not an email", () => {
    expect(normalizeEmail("not an email")).toBeNull();
    expect(normalizeEmail(42)).toBeNull();
    expect(normalizeEmail("")).toBeNull();
  });
});

describe("normalizePhone", () => {
  it("writes E.164, reading national numbers in the default region", () => {
    expect(normalizePhone("07911 123456", "GB")).toBe("+447911123456");
    expect(normalizePhone("+44 7911 123456", "US")).toBe("+447911123456");
    expect(normalizePhone("(201) 555-0123", "us")).toBe("+12015550123");
  });
  it("refuses numbers that are not valid", () => {
    expect(normalizePhone("12", "GB")).toBeNull();
    expect(normalizePhone("call me", "GB")).toBeNull();
    expect(normalizePhone(null, "GB")).toBeNull();
  });
});

describe("blocklistForms", () => {
  it("compares phones by their digits too", () => {
    expect(blocklistForms("+10000000000")).toEqual(["+10000000000", "10000000000"]);
    expect(blocklistForms("test@test.com")).toEqual(["test@test.com"]);
  });
});

describe("identifiersOfCall", () => {
  it("reads userId as an external id of the key's source, anonymousId, and email/phone from traits or context.traits", () => {
    const identify = identifiersOfCall({
      type: "identify",
      userId: "42",
      anonymousId: "a-1",
      payload: { traits: { email: " A@B.co ", phone: "07911 123456" } },
      source: "website",
      defaultRegion: "GB",
    });
    expect(identify.identifiers).toEqual([
      { type: "external_id", source: "website", value: "42" },
      { type: "anonymous_id", source: "", value: "a-1" },
      { type: "email", source: "", value: "a@b.co" },
      { type: "phone", source: "", value: "+447911123456" },
    ]);
    const track = identifiersOfCall({
      type: "track",
      userId: null,
      anonymousId: "a-2",
      payload: { context: { traits: { email: "c@d.co" } }, traits: { email: "ignored@x.co" } },
      source: "website",
      defaultRegion: "GB",
    });
    expect(track.identifiers.map((i) => i.value)).toEqual(["a-2", "c@d.co"]);
  });
});
