import { describe, expect, it } from "vitest";
import { maskEmail, maskForRole, maskIdentities, maskPersonalData, maskPersonalText, maskPhone } from "./mask-personal-data";

describe("masking for viewers", () => {
  it("masks emails and phones beyond recognition", () => {
    expect(maskEmail("anna.smith@example.com")).toBe("a•••@e•••.com");
    expect(maskPhone("+44 7700 900123")).toBe("•••123");
  });

  it("masks for viewers only", () => {
    const row = { id: 1, email: "anna@example.com", phone: "+447700900123", firstName: "Anna" };
    expect(maskPersonalData(row, "viewer")).toEqual({ id: 1, email: "a•••@e•••.com", phone: "•••123", firstName: "Anna" });
    expect(maskPersonalData(row, "marketer")).toBe(row);
    expect(maskPersonalData(row, "admin")).toBe(row);
    const ids = [
      { type: "email", value: "anna@example.com" },
      { type: "phone", value: "+447700900123" },
      { type: "external_id", value: "17850" },
    ];
    expect(maskIdentities(ids, "viewer").map((i) => i.value)).toEqual(["a•••@e•••.com", "•••123", "17850"]);
  });
});

describe("maskForRole: the one masking of what viewers read", () => {
  it("masks emails and phones inside any text, object or array, for viewers only", () => {
    const merges = {
      merges: [{ identifierType: "email", identifierValue: "anna@example.com", createdAt: new Date(0), movedEvents: 3 }],
      flags: [{ value: "+447700900123", detail: "Both profiles use email anna@example.com and phone +44 7700 900123." }],
    };
    const masked = maskForRole(merges, "viewer");
    expect(masked.merges[0]).toEqual({ identifierType: "email", identifierValue: "a•••@e•••.com", createdAt: new Date(0), movedEvents: 3 });
    expect(masked.flags[0]).toEqual({ value: "•••123", detail: "Both profiles use email a•••@e•••.com and phone •••123." });
    expect(JSON.stringify(masked)).not.toMatch(/anna@|900123/);
    expect(maskForRole(merges, "marketer")).toBe(merges);
  });

  it("keeps what is not personal data: amounts, dates, external ids", () => {
    expect(maskPersonalText("row 12: total 1234.50 on 2026-01-31, customer 17850, order 5360321")).toBe(
      "row 12: total 1234.50 on 2026-01-31, customer 17850, order 5360321",
    );
    expect(maskPersonalText('email "bob@shop.co.uk" is not valid; phone 07700 900123')).toBe(
      'email "b•••@s•••.uk" is not valid; phone •••123',
    );
  });
});
