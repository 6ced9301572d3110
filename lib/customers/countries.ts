/**
 * Countries: Tailor stores ISO 3166-1 alpha-2 codes ("GB") and shows English names ("United
 * Kingdom"). Names, common spellings and codes in any case are accepted wherever people or files
 * give a country (imports, tracking, the segment builder). Names come from Intl (the ICU data that
 * ships with Node and browsers); the aliases below add the spellings files use. Client-safe.
 * Decision 102.
 */

/** Codes Intl names that are not current ISO 3166-1 countries (withdrawn, reserved or pseudo codes). */
const notCountries = new Set("AN BU CS DD DY FX HV NH RH SU TP UK VD YD YU ZR AC CP CQ DG EA IC TA XA XB EU EZ UN ZZ QO".split(" "));

/** Spellings files and people use beside Intl's English names (compared normalised, see `key`). */
const aliases: Record<string, string> = {
  uk: "GB",
  "great britain": "GB",
  britain: "GB",
  england: "GB",
  scotland: "GB",
  wales: "GB",
  "northern ireland": "GB",
  "united kingdom of great britain and northern ireland": "GB",
  us: "US",
  usa: "US",
  america: "US",
  "united states of america": "US",
  eire: "IE",
  "republic of ireland": "IE",
  rsa: "ZA",
  holland: "NL",
  "czech republic": "CZ",
  korea: "KR",
  "republic of korea": "KR",
  "russian federation": "RU",
  turkey: "TR",
  "hong kong": "HK",
  macau: "MO",
  macao: "MO",
  "viet nam": "VN",
  "ivory coast": "CI",
  "cote divoire": "CI",
  burma: "MM",
  myanmar: "MM",
  uae: "AE",
  swaziland: "SZ",
  macedonia: "MK",
  "cabo verde": "CV",
  vatican: "VA",
  "holy see": "VA",
  palestine: "PS",
  "democratic republic of the congo": "CD",
  "dr congo": "CD",
  "republic of the congo": "CG",
  congo: "CG",
  deutschland: "DE",
  espana: "ES",
  schweiz: "CH",
  suisse: "CH",
  osterreich: "AT",
  belgique: "BE",
  belgie: "BE",
  nederland: "NL",
  italia: "IT",
  polska: "PL",
  brasil: "BR",
  "the bahamas": "BS",
  "the gambia": "GM",
};

/** A spelling reduced to what tells countries apart: lower case, no accents, "&" as "and", no punctuation, no leading "the". */
function key(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/\bst\.?(?=\s)/g, "saint")
    .replace(/['’.]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .replace(/^the /, "");
}

let names: Map<string, string> | undefined;
let byName: Map<string, string> | undefined;

/** Every ISO 3166-1 code Intl names, with its English name. */
function countryNames(): Map<string, string> {
  if (names) return names;
  const display = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
  names = new Map();
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = notCountries.has(code) ? undefined : display.of(code);
      if (name) names.set(code, name);
    }
  return names;
}

function codesByName(): Map<string, string> {
  if (byName) return byName;
  byName = new Map();
  for (const [code, name] of countryNames()) {
    byName.set(key(name), code);
    // "Myanmar (Burma)", "Hong Kong SAR China", "Congo - Kinshasa": the short forms too.
    const short = name.replace(/\s*\(.*\)$/, "").replace(/ SAR China$/, "");
    if (short !== name) byName.set(key(short), code);
  }
  for (const [alias, code] of Object.entries(aliases)) byName.set(key(alias), code);
  return byName;
}

/** The ISO 3166-1 alpha-2 code of a country given by code (any case), name or common spelling; null when not a country Tailor knows. */
export function countryCode(value: string): string | null {
  const trimmed = value.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) {
    const upper = trimmed.toUpperCase();
    if (countryNames().has(upper)) return upper;
    if (upper === "UK") return "GB";
  }
  return codesByName().get(key(trimmed)) ?? null;
}

/**
 * What Tailor stores for a country as given: its code when known; otherwise the text as written
 * (trimmed), so that nothing is lost ("Channel Islands" has no code of its own); null when empty.
 */
export function normalizeCountry(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  return countryCode(trimmed) ?? trimmed;
}

/** The English name of a stored country ("GB" → "United Kingdom"); a value that is not a code is shown as it is. */
export function countryName(stored: string): string {
  return countryNames().get(stored) ?? stored;
}

/** Every code → name pair (for migrations and checks). */
export function allCountrySpellings(): { spelling: string; code: string }[] {
  return [...codesByName()].map(([spelling, code]) => ({ spelling, code }));
}

/** `key` for SQL callers that match stored spellings against allCountrySpellings(). */
export const countrySpellingKey = key;
