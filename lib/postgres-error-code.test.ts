import { describe, expect, it } from "vitest";
import { postgresErrorCode } from "./postgres-error-code";

// The shapes errors reach us in without a database (the db test reads real ones from Postgres).
describe("postgresErrorCode on wrapped errors", () => {
  it("reads the driver adapter's original code, at the top, as a cause or deeper", () => {
    expect(postgresErrorCode({ meta: { driverAdapterError: { cause: { originalCode: "40P01" } } } })).toBe("40P01");
    expect(postgresErrorCode({ originalCode: "23505" })).toBe("23505");
    expect(postgresErrorCode(new Error("adapter", { cause: { kind: "postgres", originalCode: "40001" } }))).toBe("40001");
    expect(postgresErrorCode(new Error("outer", { cause: new Error("inner", { cause: { code: "23503" } }) }))).toBe("23503");
  });

  it("finds none where there is none, and stops at an error that is its own cause", () => {
    const loop = new Error("loop") as Error & { cause?: unknown };
    loop.cause = loop;
    expect(postgresErrorCode(loop)).toBeNull();
    expect(postgresErrorCode(new Error("no code", { cause: "40P01" }))).toBeNull();
    expect(postgresErrorCode({ code: "ECONNREFUSED" })).toBeNull();
    expect(postgresErrorCode(null)).toBeNull();
  });
});
