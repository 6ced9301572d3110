import { DAY_MS } from "./pg-text";
import { cumulate, type Rng, searchCumulative } from "./prng";

/** The data covers the two years (730 days) before the day of the run, in UTC. */
export const WINDOW_DAYS = 730;
/**
 * Customers are simulated from a year earlier, so the shop has a base of returning customers on
 * the window's first day (steady volumes, not a start-up's ramp); activity before it is dropped.
 */
export const LEAD_IN_DAYS = 365;
const CALENDAR_DAYS = LEAD_IN_DAYS + WINDOW_DAYS;

/** Sunday-first: a little busier on Sundays and Mondays, quieter on Saturdays. */
const WEEKDAY = [1.2, 1.1, 0.95, 0.95, 1.0, 0.9, 0.8];
/** January … December: November and December are the peak. */
const MONTH = [0.9, 0.8, 0.9, 0.9, 0.9, 0.85, 0.85, 0.85, 0.95, 1.0, 1.5, 1.7];
/** Hours in UTC (a UK shop): quiet nights, a lunchtime bump, an evening peak. */
const HOUR = [
  0.3, 0.2, 0.15, 0.1, 0.1, 0.15, 0.3, 0.6, 0.9, 1.1, 1.2, 1.25, 1.35, 1.3, 1.2, 1.15, 1.1, 1.15, 1.3, 1.55, 1.7, 1.6, 1.2, 0.7,
];
const HOUR_CUMULATIVE = cumulate(HOUR);

/** The Friday after the fourth Thursday of November. */
function blackFriday(year: number): number {
  const first = new Date(Date.UTC(year, 10, 1));
  const firstThursday = 1 + ((4 - first.getUTCDay() + 7) % 7);
  return Date.UTC(year, 10, firstThursday + 22) / DAY_MS;
}

/** Relative busyness of one day (days since the epoch, UTC). */
export function dayWeight(day: number): number {
  const date = new Date(day * DAY_MS);
  const month = date.getUTCMonth();
  const dom = date.getUTCDate();
  let weight = (WEEKDAY[date.getUTCDay()] ?? 1) * (MONTH[month] ?? 1);
  const sinceBlackFriday = day - blackFriday(date.getUTCFullYear());
  if (sinceBlackFriday === 0) weight *= 3;
  else if (sinceBlackFriday > 0 && sinceBlackFriday < 3) weight *= 1.8;
  else if (sinceBlackFriday === 3) weight *= 2.5; // Cyber Monday
  if (month === 11 && dom > 20) weight *= dom >= 25 && dom <= 26 ? 0.3 : 0.6;
  if (month === 0 && dom <= 10) weight *= 1.3; // January sale
  return weight;
}

/** The sale discount of a day: 20 % Black Friday to Cyber Monday, 15 % in the January sale. */
function saleDiscountPercent(day: number): number {
  const date = new Date(day * DAY_MS);
  const sinceBlackFriday = day - blackFriday(date.getUTCFullYear());
  if (sinceBlackFriday >= 0 && sinceBlackFriday <= 3) return 20;
  return date.getUTCMonth() === 0 && date.getUTCDate() <= 10 ? 15 : 0;
}

export interface Calendar {
  /** First simulated day, a year before the window (days since the epoch). */
  startDay: number;
  /** Start of the two-year window in milliseconds: orders and events before it are dropped. */
  windowStartMs: number;
  /** Exclusive end of the window in milliseconds: midnight UTC of the run's day. */
  endMs: number;
  /** Running sums of the day weights from startDay (seasonality). */
  seasonal: Float64Array;
  /** The same with the shop's steady growth: for first visits. */
  acquisition: Float64Array;
  /** Sale discount (percent) of each day from startDay. */
  discount: Uint8Array;
}

export function buildCalendar(today: Date): Calendar {
  const endDay = Math.floor(today.getTime() / DAY_MS);
  const startDay = endDay - CALENDAR_DAYS;
  const weights = Array.from({ length: CALENDAR_DAYS }, (_, i) => dayWeight(startDay + i));
  const growth = weights.map((w, i) => w * (0.7 + (0.6 * i) / CALENDAR_DAYS));
  const discount = Uint8Array.from({ length: CALENDAR_DAYS }, (_, i) => saleDiscountPercent(startDay + i));
  const windowStartMs = (endDay - WINDOW_DAYS) * DAY_MS;
  return { startDay, windowStartMs, endMs: endDay * DAY_MS, seasonal: cumulate(weights), acquisition: cumulate(growth), discount };
}

export function discountAt(calendar: Calendar, ms: number): number {
  return calendar.discount[Math.floor(ms / DAY_MS) - calendar.startDay] ?? 0;
}

/** A moment in [fromMs, toMs) following the day weights in `cumulative` and the hour weights. */
export function sampleMoment(rng: Rng, calendar: Calendar, cumulative: Float64Array, fromMs: number, toMs: number): number {
  const firstIdx = Math.max(0, Math.floor(fromMs / DAY_MS) - calendar.startDay);
  const lastIdx = Math.min(CALENDAR_DAYS - 1, Math.floor((toMs - 1) / DAY_MS) - calendar.startDay);
  if (lastIdx < firstIdx) return fromMs;
  const below = firstIdx > 0 ? (cumulative[firstIdx - 1] ?? 0) : 0;
  const span = (cumulative[lastIdx] ?? 0) - below;
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const idx = searchCumulative(cumulative, below + rng.next() * span, firstIdx, lastIdx + 1);
    const hour = rng.weighted(HOUR_CUMULATIVE);
    const ms = (calendar.startDay + idx) * DAY_MS + hour * 3_600_000 + Math.floor(rng.next() * 3_600_000);
    if (ms >= fromMs && ms < toMs) return ms;
  }
  return fromMs + Math.floor(rng.next() * (toMs - fromMs));
}
