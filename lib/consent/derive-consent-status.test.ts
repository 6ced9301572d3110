import { describe, expect, it } from "vitest";
import { deriveConsentStatus } from "./derive-consent-status";

const at = (iso: string) => new Date(iso);

describe("deriveConsentStatus", () => {
  it("applies the purpose's default when there is no record", () => {
    expect(deriveConsentStatus({ history: [], defaultRule: "opt_in" })).toEqual({
      allowed: false,
      status: null,
      basis: "default",
      since: null,
    });
    expect(deriveConsentStatus({ history: [], defaultRule: "opt_out" })).toMatchObject({ allowed: true, basis: "default" });
  });

  it("lets the latest record decide, whatever the order the history comes in", () => {
    const history = [
      { id: 3, status: "withdrawn" as const, occurredAt: at("2024-05-01T00:00:00Z") },
      { id: 1, status: "granted" as const, occurredAt: at("2023-01-01T00:00:00Z") },
      { id: 2, status: "granted" as const, occurredAt: at("2024-06-01T00:00:00Z") },
    ];
    expect(deriveConsentStatus({ history, defaultRule: "opt_out" })).toEqual({
      allowed: true,
      status: "granted",
      basis: "record",
      since: at("2024-06-01T00:00:00Z"),
    });
    expect(deriveConsentStatus({ history: history.slice(0, 2), defaultRule: "opt_out" })).toMatchObject({
      allowed: false,
      status: "withdrawn",
    });
  });

  it("breaks ties on the same instant by the later record (higher id)", () => {
    const t = at("2024-01-01T00:00:00Z");
    expect(
      deriveConsentStatus({
        history: [
          { id: 8n, status: "denied", occurredAt: t },
          { id: 7n, status: "granted", occurredAt: t },
        ],
        defaultRule: "opt_in",
      }),
    ).toMatchObject({ status: "denied", allowed: false });
  });

  it("an objection beats an opt-out default; a denial keeps an opt-in purpose closed", () => {
    expect(
      deriveConsentStatus({ history: [{ id: 1, status: "denied", occurredAt: at("2024-01-01T00:00:00Z") }], defaultRule: "opt_out" })
        .allowed,
    ).toBe(false);
    expect(
      deriveConsentStatus({ history: [{ id: 1, status: "denied", occurredAt: at("2024-01-01T00:00:00Z") }], defaultRule: "opt_in" })
        .allowed,
    ).toBe(false);
  });
});
