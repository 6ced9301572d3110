import { describe, expect, it } from "vitest";
import { buildCalendar, dayWeight, discountAt, sampleMoment, WINDOW_DAYS } from "./calendar";
import { DAY_MS } from "./pg-text";
import { Rng } from "./prng";

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

describe("calendar", () => {
  const calendar = buildCalendar(new Date("2026-11-23T00:00:00Z"));

  it("ends the window at midnight of the run's day, two years long", () => {
    expect(calendar.endMs).toBe(Date.parse("2026-11-23T00:00:00Z"));
    expect(calendar.endMs - calendar.windowStartMs).toBe(WINDOW_DAYS * DAY_MS);
  });

  it("peaks on Black Friday and in December, dips at Christmas", () => {
    expect(dayWeight(day("2025-11-28"))).toBeGreaterThan(2 * dayWeight(day("2025-11-21")));
    expect(dayWeight(day("2025-12-10"))).toBeGreaterThan(1.5 * dayWeight(day("2025-06-11")));
    expect(dayWeight(day("2025-12-25"))).toBeLessThan(dayWeight(day("2025-12-10")) / 2);
    expect(discountAt(calendar, Date.parse("2025-11-28T12:00:00Z"))).toBe(20);
    expect(discountAt(calendar, Date.parse("2025-06-11T12:00:00Z"))).toBe(0);
  });

  it("samples moments inside the range, with the seasonality", () => {
    const rng = new Rng(5);
    const from = calendar.windowStartMs;
    const moments = Array.from({ length: 50_000 }, () => sampleMoment(rng, calendar, calendar.seasonal, from, calendar.endMs));
    expect(Math.min(...moments)).toBeGreaterThanOrEqual(from);
    expect(Math.max(...moments)).toBeLessThan(calendar.endMs);
    const novDec = moments.filter((m) => new Date(m).getUTCMonth() >= 10).length / moments.length;
    expect(novDec).toBeGreaterThan(0.22); // flat would be about 2/12
    const evening = moments.filter((m) => new Date(m).getUTCHours() === 20).length;
    const night = moments.filter((m) => new Date(m).getUTCHours() === 4).length;
    expect(evening).toBeGreaterThan(5 * night);
  });
});
