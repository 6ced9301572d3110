import { z } from "zod";
import { AppError } from "../errors";
import { canonicalTimeZone, isCurrencyCode, regionName } from "./intl";

/** Where a key lives: the settings row, or the default sending account (rate limits, pool). */
type Target = { table: "settings"; column: string } | { table: "sending_accounts"; column: string };

export interface SettingKey {
  key: string;
  description: string;
  target: Target;
  /** Text (as typed on the command line) → the stored value; throws a message saying what is expected. */
  parse(value: string): unknown;
  /** The stored value → text. */
  format(value: unknown): string;
}

const email = z.string().trim().email();
const text = (max: number) => (v: string) => {
  if (v.length > max) throw new Error(`at most ${max} characters`);
  return v.trim();
};
const optionalEmail = (v: string) => {
  if (v.trim() === "") return "";
  if (!email.safeParse(v).success) throw new Error("an email address such as news@example.com (or an empty value)");
  return v.trim();
};
const optionalInt = (min: number, max: number) => (v: string) => {
  if (v === "" || v === "off" || v === "none") return null;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`a whole number from ${min} to ${max}, or "off"`);
  return n;
};
const plain = (v: unknown) => (v == null ? "" : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

/** The keys `tailor settings get|set` knows (snake_case), so that an installation can be set up by a script. */
export const settingKeys: SettingKey[] = [
  {
    key: "organisation_name",
    description: "The organisation's name",
    target: { table: "settings", column: "organisation_name" },
    parse: (v) => {
      if (!v.trim()) throw new Error("a name");
      return text(200)(v);
    },
    format: plain,
  },
  {
    key: "postal_address",
    description: "Postal address printed in every marketing email",
    target: { table: "settings", column: "postal_address" },
    parse: text(500),
    format: plain,
  },
  {
    key: "time_zone",
    description: "IANA time zone, e.g. Europe/London",
    target: { table: "settings", column: "time_zone" },
    parse: (v) => {
      const tz = canonicalTimeZone(v.trim());
      if (!tz) throw new Error("an IANA time zone such as Europe/London or UTC");
      return tz;
    },
    format: plain,
  },
  {
    key: "currency",
    description: "ISO 4217 code, e.g. GBP",
    target: { table: "settings", column: "currency" },
    parse: (v) => {
      const c = v.trim().toUpperCase();
      if (!isCurrencyCode(c)) throw new Error("a three-letter currency code such as GBP, EUR or USD");
      return c;
    },
    format: plain,
  },
  {
    key: "default_phone_region",
    description: "ISO 3166 code for phone numbers without a country",
    target: { table: "settings", column: "default_phone_region" },
    parse: (v) => {
      const c = v.trim().toUpperCase();
      if (!regionName(c)) throw new Error("a two-letter country code such as GB, DE or US");
      return c;
    },
    format: plain,
  },
  {
    key: "reference_date",
    description: '"now", or YYYY-MM-DD to pin analyses to a date',
    target: { table: "settings", column: "reference_date" },
    parse: (v) => {
      if (v === "now" || v === "") return null;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) throw new Error('"now" or a date YYYY-MM-DD');
      return new Date(`${v}T00:00:00Z`);
    },
    format: (v) => (v ? plain(v) : "now"),
  },
  {
    key: "sender_email",
    description: "Campaigns' default From address",
    target: { table: "settings", column: "sender_email" },
    parse: optionalEmail,
    format: plain,
  },
  {
    key: "sender_name",
    description: "Campaigns' default From name",
    target: { table: "settings", column: "sender_name" },
    parse: text(200),
    format: plain,
  },
  {
    key: "reply_to",
    description: "Campaigns' default Reply-To address",
    target: { table: "settings", column: "reply_to" },
    parse: optionalEmail,
    format: plain,
  },
  {
    key: "frequency_cap",
    description: 'At most N marketing emails per person in D days: "3/7d", or "off"',
    target: { table: "settings", column: "frequency_cap" },
    parse: parseCap,
    format: (v) => {
      const c = v as { count: number | null; days: number };
      return c.count == null ? "off" : `${c.count}/${c.days}d`;
    },
  },
  {
    key: "rate_limit_per_second",
    description: "Messages per second through SMTP_URL, all workers together (off = none)",
    target: { table: "sending_accounts", column: "per_second" },
    parse: optionalInt(1, 100_000),
    format: (v) => (v == null ? "off" : String(v)),
  },
  {
    key: "rate_limit_per_hour",
    description: "Messages per hour through SMTP_URL, all workers together (off = none)",
    target: { table: "sending_accounts", column: "per_hour" },
    parse: optionalInt(1, 100_000_000),
    format: (v) => (v == null ? "off" : String(v)),
  },
  {
    key: "smtp_pool_size",
    description: "SMTP connections per worker process (also the most copies a crash can duplicate)",
    target: { table: "sending_accounts", column: "pool_size" },
    parse: (v) => {
      const n = optionalInt(1, 50)(v);
      if (n == null) throw new Error("a whole number from 1 to 50");
      return n;
    },
    format: plain,
  },
];

function parseCap(v: string): { count: number | null; days: number } {
  const s = v.trim().toLowerCase();
  if (s === "off" || s === "none" || s === "") return { count: null, days: 7 };
  const m = /^(\d+)\s*(?:\/|per)\s*(\d+)\s*d(?:ays?)?$/.exec(s);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1 || Number(m[2]) > 365)
    throw new Error('"N/Dd" such as 3/7d (at most 3 emails per 7 days), or "off"');
  return { count: Number(m[1]), days: Number(m[2]) };
}

export function findSettingKey(key: string): SettingKey {
  const found = settingKeys.find((k) => k.key === key);
  if (!found) throw new AppError("bad_request", `Unknown setting "${key}". Known settings: ${settingKeys.map((k) => k.key).join(", ")}.`);
  return found;
}
