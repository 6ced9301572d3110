import { describe, expect, it } from "vitest";
import { decideWinner } from "./decide-winner";

const now = new Date("2026-12-07T10:00:00Z");

describe("decideWinner", () => {
  it("waits for the fixed horizon even when the leader already looks significant", () => {
    const variants = [
      { id: "A", successes: 20, trials: 400 },
      { id: "B", successes: 60, trials: 400 },
    ];
    const early = decideWinner({ variants, rule: { method: "fixed", alpha: 0.05, samplePerVariant: 1000 }, now });
    expect(early.status).toBe("continue");
    expect(early.leaderId).toBe("B");
    expect(early.reason).toMatch(/400 of 1000/);
    const atHorizon = decideWinner({
      variants: variants.map((v) => ({ ...v, successes: v.successes * 3, trials: 1200 })),
      rule: { method: "fixed", alpha: 0.05, samplePerVariant: 1000 },
      now,
    });
    expect(atHorizon).toMatchObject({ status: "winner", winnerId: "B" });
  });

  it("gives the control when no variant wins at the deadline, and corrects for several comparisons", () => {
    const decision = decideWinner({
      variants: [
        { id: "A", successes: 100, trials: 2000 },
        { id: "B", successes: 118, trials: 2000 },
        { id: "C", successes: 99, trials: 2000 },
      ],
      rule: { method: "fixed", alpha: 0.05, deadline: new Date("2026-12-07T09:00:00Z") },
      now,
    });
    expect(decision).toMatchObject({ status: "inconclusive", winnerId: "A", leaderId: "B" });
  });

  it("stops a sequential test as soon as the evidence is there", () => {
    const rule = { method: "sequential" as const, alpha: 0.05, tau: 0.02 };
    const close = decideWinner({
      variants: [
        { id: "A", successes: 50, trials: 1000 },
        { id: "B", successes: 55, trials: 1000 },
      ],
      rule,
      now,
    });
    expect(close.status).toBe("continue");
    const clear = decideWinner({
      variants: [
        { id: "A", successes: 50, trials: 1000 },
        { id: "B", successes: 110, trials: 1000 },
      ],
      rule,
      now,
    });
    expect(clear).toMatchObject({ status: "winner", winnerId: "B" });
  });
});
