import { Prisma } from "../generated/prisma/client";

/**
 * SQL: the first moment at or after `after` (a timestamptz) when the wall clock in `zone` shows
 * `time` (HH:MM, checked by the schema) — today's if it is still to come, else tomorrow's. The
 * date and the time are put together in the zone, so a day that changes clocks still sends at the
 * wall time.
 */
export function nextLocalTimeSql(zone: Prisma.Sql, time: string, after: Prisma.Sql): Prisma.Sql {
  const day = Prisma.sql`((${after}) AT TIME ZONE (${zone}))::date`;
  const at = (d: Prisma.Sql) => Prisma.sql`((${d} + ${time}::time) AT TIME ZONE (${zone}))`;
  return Prisma.sql`CASE WHEN ${at(day)} >= (${after}) THEN ${at(day)} ELSE ${at(Prisma.sql`(${day} + 1)`)} END`;
}

/**
 * SQL: when a row of `variant` is due in a send-time test — the variant's next time in the
 * recipient's zone, or `otherwise` (the campaign's start) for a variant without a time of its own.
 */
export function variantDueSql(options: {
  variant: Prisma.Sql;
  sendTimes: Record<string, string | null | undefined>;
  zone: Prisma.Sql;
  after: Prisma.Sql;
  otherwise: Prisma.Sql;
}): Prisma.Sql {
  const timed = Object.entries(options.sendTimes).filter((e): e is [string, string] => !!e[1]);
  if (!timed.length) return options.otherwise;
  const cases = timed.map(([key, time]) => Prisma.sql`WHEN ${key} THEN ${nextLocalTimeSql(options.zone, time, options.after)}`);
  return Prisma.sql`CASE ${options.variant} ${Prisma.join(cases, " ")} ELSE ${options.otherwise} END`;
}
