import type pg from "pg";
import { AppError } from "../../../errors";

/** The installation's time zone (settings.time_zone, UTC when unset), checked against PostgreSQL's list. */
export async function readTimeZone(client: pg.ClientBase): Promise<string> {
  const found = await client.query<{ time_zone: string }>("SELECT time_zone FROM settings WHERE id = 1");
  const timeZone = found.rows[0]?.time_zone || "UTC";
  try {
    await client.query("SELECT now() AT TIME ZONE $1", [timeZone]);
  } catch {
    throw new AppError("unprocessable", `The installation's time zone "${timeZone}" is not known to PostgreSQL: correct it in Settings.`);
  }
  return timeZone;
}
