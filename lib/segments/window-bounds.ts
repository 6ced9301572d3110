import type { RuleWindow } from "./condition-fields";

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

export function durationMs(amount: number, unit: keyof typeof UNIT_MS): number {
  return amount * UNIT_MS[unit];
}

/**
 * A window as bounds on a timestamp t: from < t (or from ≤ t for absolute ranges) and t ≤ until.
 * Nothing after the reference date counts; "in the last 7 days" is (ref − 7 days, ref].
 */
export function windowBounds(window: RuleWindow, ref: Date): { from?: Date; fromInclusive: boolean; until: Date; before?: Date } {
  if (window.type === "ever") return { fromInclusive: false, until: ref };
  if (window.type === "last")
    return { from: new Date(ref.getTime() - durationMs(window.amount, window.unit)), fromInclusive: false, until: ref };
  return { from: new Date(window.from), fromInclusive: true, until: ref, before: new Date(window.to) };
}

/** True when t falls in the window (the reference evaluator and the explanation use it). */
export function inWindow(t: Date, window: RuleWindow, ref: Date): boolean {
  const b = windowBounds(window, ref);
  if (t.getTime() > b.until.getTime()) return false;
  if (b.before && t.getTime() >= b.before.getTime()) return false;
  if (b.from) return b.fromInclusive ? t.getTime() >= b.from.getTime() : t.getTime() > b.from.getTime();
  return true;
}
