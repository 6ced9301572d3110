import { describe, expect, it } from "vitest";
import { useTestSecret } from "../../test/use-test-secret";
import { resetEnv } from "../env";
import { buildUnsubscribe } from "./build-unsubscribe";
import { createUnsubscribeToken, verifyUnsubscribeToken } from "./unsubscribe-token";

describe("signed unsubscribe links", () => {
  useTestSecret();

  it("verifies a token it made and returns the customer", () => {
    expect(verifyUnsubscribeToken(createUnsubscribeToken({ customerId: 42 }))).toEqual({ customerId: 42 });
  });

  it("keeps accepting a token made years ago (no expiry; same secret, same token)", () => {
    // Golden value, made on 2026-11-23 with the secret above: if it ever stops verifying, links in old emails broke.
    const old = "v1.42.oHSR4VDzKXKeqSbGacAMAP_tu0Zsj7Ic84hPOli-Bwg";
    expect(createUnsubscribeToken({ customerId: 42 })).toBe(old);
    expect(verifyUnsubscribeToken(old)).toEqual({ customerId: 42 });
  });

  it("rejects tampered tokens: another customer id, an altered signature, garbage", () => {
    const token = createUnsubscribeToken({ customerId: 42 });
    expect(verifyUnsubscribeToken(token.replace("v1.42.", "v1.43."))).toBeNull();
    const sig = token.split(".")[2]!;
    expect(verifyUnsubscribeToken(`v1.42.${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`)).toBeNull();
    for (const bad of ["", "v1.42", "v2.42." + sig, "../../etc/passwd", "v1.0." + sig, "v1.99999999999." + sig])
      expect(verifyUnsubscribeToken(bad)).toBeNull();
  });

  it("rejects a token signed with another installation's secret", () => {
    const token = createUnsubscribeToken({ customerId: 7 });
    process.env.TAILOR_SECRET = "another-installation-secret-9876543210";
    resetEnv();
    expect(verifyUnsubscribeToken(token)).toBeNull();
  });

  it("builds the RFC 8058 headers and the preference centre URL", () => {
    const link = buildUnsubscribe({ customerId: 42, purpose: "email_marketing", baseUrl: "https://shop.example/" });
    const token = createUnsubscribeToken({ customerId: 42 });
    expect(link.url).toBe(`https://shop.example/preferences/${token}`);
    expect(link.headers).toEqual({
      "List-Unsubscribe": `<https://shop.example/api/unsubscribe/${token}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
  });
});
