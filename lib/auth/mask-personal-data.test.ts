import { describe, expect, it } from "vitest";
import { maskEmail, maskIdentities, maskPersonalData, maskPhone } from "./mask-personal-data";

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
