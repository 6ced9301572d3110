/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== "string" || !zone) return false;
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at `at`, in minutes (local − UTC). */
function offsetMinutes(zone: string, at: Date): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const local = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return Math.round((local - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant when the clock in `zone` shows a wall time (given as the milliseconds that wall time
 * would be in UTC): the offset in force then is subtracted, checked twice around DST changes.
 */
export function instantOfWallTime(zone: string, wallUtc: number): Date {
  let instant = wallUtc - offsetMinutes(zone, new Date(wallUtc)) * 60_000;
  instant = wallUtc - offsetMinutes(zone, new Date(instant)) * 60_000;
  return new Date(instant);
}

/**
 * The next moment strictly after `after` when the clock in `zone` shows hour:minute. On a day the
 * clocks skip that time (spring forward) it is the same instant an hour later in local terms.
 */
export function nextTimeOfDay(opts: { after: Date; zone: string; hour: number; minute: number }): Date {
  const { after, zone, hour, minute } = opts;
  const localNow = new Date(after.getTime() + offsetMinutes(zone, after) * 60_000);
  for (let day = 0; day <= 2; day++) {
    const instant = instantOfWallTime(
      zone,
      Date.UTC(localNow.getUTCFullYear(), localNow.getUTCMonth(), localNow.getUTCDate() + day, hour, minute),
    );
    if (instant.getTime() > after.getTime()) return instant;
  }
  throw new Error(`No ${hour}:${minute} found in ${zone} after ${after.toISOString()}`);
}
