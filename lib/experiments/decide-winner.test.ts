import { describe, expect, it } from "vitest";
import { decideWinner } from "./decide-winner";
import { experimentInputSchema, type ExperimentInput } from "./schemas";
import { summarize, welchTTest } from "./welch-t-test";

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

  it("compares means (revenue per recipient) with Welch's t at the horizon, the leader by mean not by buyers, and refuses the sequential test on them", () => {
    const a = summarize([...Array(90).fill(0), ...Array(10).fill(20)]); // 10 buyers of 20
    const b = summarize([...Array(94).fill(0), ...Array(6).fill(90)]); // fewer buyers, larger baskets
    const variants = [
      { id: "A", successes: 10, trials: 100, mean: a.mean, variance: a.variance },
      { id: "B", successes: 6, trials: 100, mean: b.mean, variance: b.variance },
    ];
    const deadline = new Date(now.getTime() - 1);
    const d = decideWinner({ variants, rule: { method: "fixed", alpha: 0.05, deadline }, now });
    expect(d.leaderId).toBe("B");
    expect(d.comparisons[0]!.pValue).toBeCloseTo(welchTTest(a, b).pValue, 12);
    expect(d.status).toBe(welchTTest(a, b).pValue <= 0.05 ? "winner" : "inconclusive");
    const same = decideWinner({
      variants: [variants[0]!, { ...variants[0]!, id: "B", mean: a.mean + 0.1 }],
      rule: { method: "fixed", alpha: 0.05, deadline },
      now,
    });
    expect(same).toMatchObject({ status: "inconclusive", winnerId: "A", leaderId: "B" });
    expect(() => decideWinner({ variants, rule: { method: "sequential", alpha: 0.05, tau: 1 }, now })).toThrow(/fixed horizon/);
  });
});

describe("the experiment schema's refusals", () => {
  const base = {
    dimension: "subject" as const,
    variants: [{ key: "A" as const }, { key: "B" as const, subject: "B" }],
    testPercent: 20,
    waitMinutes: 60,
  };
  it("refuses the sequential test on revenue and on send times, and a bandit on send times, saying why", () => {
    const issues = (input: ExperimentInput) => {
      const r = experimentInputSchema.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    expect(issues({ ...base, metric: "revenue", method: "sequential" })).toEqual([
      expect.stringMatching(/^method: Revenue per recipient is decided at a fixed horizon only/),
    ]);
    expect(issues({ ...base, metric: "revenue", method: "fixed" })).toEqual([]);
    expect(issues({ ...base, metric: "revenue", mode: "bandit" })).toEqual([]);
    expect(issues({ ...base, metric: "conversion", method: "sequential" })).toEqual([]);
    const sendTime = {
      ...base,
      dimension: "send_time" as const,
      variants: [
        { key: "A" as const, sendTime: "09:00" },
        { key: "B" as const, sendTime: "18:00" },
      ],
    };
    expect(issues(sendTime)).toEqual([]);
    expect(issues({ ...sendTime, method: "sequential" })).toEqual([
      expect.stringMatching(/^method: Send times are decided at a fixed horizon/),
    ]);
    expect(issues({ ...sendTime, mode: "bandit" })).toEqual([expect.stringMatching(/^mode: A bandit cannot learn a send time/)]);
    expect(
      issues({
        ...sendTime,
        variants: [
          { key: "A", sendTime: "" },
          { key: "B", sendTime: "25:00" },
        ],
      }),
    ).toEqual([expect.stringMatching(/^variants.1.sendTime: Give a send time as HH:MM/)]);
    expect(
      issues({
        ...sendTime,
        variants: [
          { key: "A", sendTime: "" },
          { key: "B", sendTime: "" },
        ],
      }),
    ).toContainEqual(expect.stringMatching(/^variants: Give every variant after A its own value/));
  });
});
