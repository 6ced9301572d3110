import { describe, expect, it } from "vitest";
import { useTestSecret } from "../../test/use-test-secret";
import { resetEnv } from "../env";
import { createClickToken, createOpenToken, verifyClickToken, verifyOpenToken } from "./tracking-token";

describe("signed open and click tokens", () => {
  useTestSecret();

  it("verifies the tokens it made and returns the recipient (and link)", () => {
    const target = { campaignId: "cmp_8Kx2", customerId: 42 };
    expect(verifyOpenToken(createOpenToken(target))).toEqual(target);
    expect(verifyClickToken(createClickToken({ ...target, link: 3 }))).toEqual({ ...target, link: 3 });
    expect(verifyClickToken(createClickToken({ ...target, link: 0 }))).toEqual({ ...target, link: 0 });
  });

  it("keeps accepting a token made earlier with the same secret (golden values made on 2026-12-07: links in sent emails must keep working)", () => {
    expect(createOpenToken({ campaignId: "c1", customerId: 42 })).toBe("c1.42.6yStPDNWxyL-NPNohgy61g");
    expect(createClickToken({ campaignId: "c1", customerId: 42, link: 2 })).toBe("c1.42.2.tG0_i3dFqPgkY-eModmtXw");
  });

  it("rejects every single-character change of a token: campaign, customer, link number and signature", () => {
    const alphabet = "abcXYZ019_-.";
    for (const token of [
      createOpenToken({ campaignId: "cmp1", customerId: 42 }),
      createClickToken({ campaignId: "cmp1", customerId: 42, link: 3 }),
    ]) {
      const verify = token.split(".").length === 4 ? verifyClickToken : verifyOpenToken;
      for (let i = 0; i < token.length; i += 1)
        for (const c of alphabet) {
          if (c === token[i]) continue;
          const tampered = token.slice(0, i) + c + token.slice(i + 1);
          expect(verify(tampered), tampered).toBeNull();
        }
    }
  });

  it("does not take an open token for a click token or the reverse, nor garbage", () => {
    const open = createOpenToken({ campaignId: "cmp1", customerId: 42 });
    const click = createClickToken({ campaignId: "cmp1", customerId: 42, link: 1 });
    expect(verifyClickToken(open)).toBeNull();
    expect(verifyOpenToken(click)).toBeNull();
    // The open signature on a click body (same fields, other purpose) is refused too.
    const [c, cust, sig] = open.split(".");
    expect(verifyClickToken(`${c}.${cust}.0.${sig}`)).toBeNull();
    for (const bad of ["", "cmp1", "cmp1.42", "../../etc/passwd", "cmp1.0." + sig, "cmp1.99999999999." + sig, "c/1.42." + sig])
      expect(verifyOpenToken(bad), bad).toBeNull();
  });

  it("rejects a token signed with another installation's secret", () => {
    const token = createClickToken({ campaignId: "cmp1", customerId: 7, link: 0 });
    process.env.TAILOR_SECRET = "another-installation-secret-9876543210";
    resetEnv();
    expect(verifyClickToken(token)).toBeNull();
  });

  it("refuses to sign what it could not verify (ids out of range or with dots)", () => {
    expect(() => createOpenToken({ campaignId: "a.b", customerId: 1 })).toThrow(/campaign id/);
    expect(() => createOpenToken({ campaignId: "c", customerId: 0 })).toThrow(/customer id/);
    expect(() => createClickToken({ campaignId: "c", customerId: 1, link: -1 })).toThrow(/link/);
  });
});
