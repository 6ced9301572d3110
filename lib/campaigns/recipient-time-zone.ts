import { Prisma } from "../generated/prisma/client";

/** A representative time zone per country (ISO 3166 code), for local-hour sends to people whose own zone is unknown. */
const zoneByCountry: Record<string, string> = {
  GB: "Europe/London",
  IE: "Europe/Dublin",
  FR: "Europe/Paris",
  DE: "Europe/Berlin",
  NL: "Europe/Amsterdam",
  BE: "Europe/Brussels",
  ES: "Europe/Madrid",
  PT: "Europe/Lisbon",
  IT: "Europe/Rome",
  CH: "Europe/Zurich",
  AT: "Europe/Vienna",
  DK: "Europe/Copenhagen",
  SE: "Europe/Stockholm",
  NO: "Europe/Oslo",
  FI: "Europe/Helsinki",
  PL: "Europe/Warsaw",
  CZ: "Europe/Prague",
  GR: "Europe/Athens",
  CY: "Asia/Nicosia",
  IS: "Atlantic/Reykjavik",
  LT: "Europe/Vilnius",
  MT: "Europe/Malta",
  US: "America/New_York",
  CA: "America/Toronto",
  BR: "America/Sao_Paulo",
  AU: "Australia/Sydney",
  NZ: "Pacific/Auckland",
  JP: "Asia/Tokyo",
  SG: "Asia/Singapore",
  HK: "Asia/Hong_Kong",
  IL: "Asia/Jerusalem",
  AE: "Asia/Dubai",
  SA: "Asia/Riyadh",
  ZA: "Africa/Johannesburg",
  BH: "Asia/Bahrain",
  LB: "Asia/Beirut",
  IN: "Asia/Kolkata",
  CN: "Asia/Shanghai",
  KR: "Asia/Seoul",
  MX: "America/Mexico_City",
};
const names: Record<string, string> = {
  "UNITED KINGDOM": "GB",
  EIRE: "IE",
  IRELAND: "IE",
  FRANCE: "FR",
  GERMANY: "DE",
  NETHERLANDS: "NL",
  BELGIUM: "BE",
  SPAIN: "ES",
  PORTUGAL: "PT",
  ITALY: "IT",
  SWITZERLAND: "CH",
  AUSTRIA: "AT",
  DENMARK: "DK",
  SWEDEN: "SE",
  NORWAY: "NO",
  FINLAND: "FI",
  POLAND: "PL",
  "CZECH REPUBLIC": "CZ",
  GREECE: "GR",
  CYPRUS: "CY",
  ICELAND: "IS",
  LITHUANIA: "LT",
  MALTA: "MT",
  USA: "US",
  "UNITED STATES": "US",
  CANADA: "CA",
  BRAZIL: "BR",
  AUSTRALIA: "AU",
  "NEW ZEALAND": "NZ",
  JAPAN: "JP",
  SINGAPORE: "SG",
  "HONG KONG": "HK",
  ISRAEL: "IL",
  "UNITED ARAB EMIRATES": "AE",
  "SAUDI ARABIA": "SA",
  RSA: "ZA",
  "SOUTH AFRICA": "ZA",
  BAHRAIN: "BH",
  LEBANON: "LB",
  INDIA: "IN",
  CHINA: "CN",
  KOREA: "KR",
  MEXICO: "MX",
};

/** (key, zone) pairs: country codes and upper-cased English names. */
function pairs(): [string, string][] {
  return [...Object.entries(zoneByCountry), ...Object.entries(names).map(([n, code]) => [n, zoneByCountry[code]!] as [string, string])];
}

/**
 * SQL for a recipient's IANA time zone (customers alias `c`): the profile's `timezone` trait when
 * PostgreSQL knows it, else one for the country, else `fallback` (the installation's zone). `join`
 * goes after the customers table; `zone` is the expression. Both lookups are hashed once per query.
 */
export function recipientTimeZoneSql(fallback: string): { join: Prisma.Sql; zone: Prisma.Sql } {
  const keys = pairs().map(([k]) => k);
  const zones = pairs().map(([, z]) => z);
  return {
    join: Prisma.sql`LEFT JOIN unnest(${keys}::text[], ${zones}::text[]) AS country_zone(key, zone) ON country_zone.key = upper(btrim(c.country))`,
    zone: Prisma.sql`CASE WHEN c.attributes->>'timezone' IN (SELECT name FROM pg_timezone_names) THEN c.attributes->>'timezone'
      ELSE coalesce(country_zone.zone, ${fallback}) END`,
  };
}
