import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { throttleProgress } from "./throttle-progress";

describe("throttleProgress", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("writes the last value reported in a burst, once the interval has passed (a phase just before a long step is not lost)", async () => {
    const written: string[] = [];
    const p = throttleProgress<string>({ write: async (v) => void written.push(v), everyMs: 500 });
    p.report("K-Means 85");
    await vi.advanceTimersByTimeAsync(0);
    p.report("Silhouette 86"); // within 500 ms of the last write
    await vi.advanceTimersByTimeAsync(100);
    expect(written).toEqual(["K-Means 85"]);
    await vi.advanceTimersByTimeAsync(500); // nothing else is reported during the long step
    expect(written).toEqual(["K-Means 85", "Silhouette 86"]);
  });

  it("keeps only the latest of many reports between writes, and flush() writes what is pending at once", async () => {
    const written: number[] = [];
    const p = throttleProgress<number>({ write: async (v) => void written.push(v), everyMs: 500 });
    for (let i = 1; i <= 50; i++) p.report(i);
    await p.flush();
    expect(written).toEqual([1, 50]);
  });

  it("writes nothing after stop()", async () => {
    const written: number[] = [];
    const p = throttleProgress<number>({ write: async (v) => void written.push(v), everyMs: 500 });
    p.report(1);
    p.report(2);
    p.stop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(written).toEqual([1]);
  });
});
