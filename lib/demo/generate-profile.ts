import { ACQUISITION_CHANNELS, COUNTRIES, type CountrySpec, FIRST_NAMES, LAST_NAMES, PERSONAL_DOMAINS, WORK_DOMAINS } from "./people-data";
import { cumulate, hashSeed, Rng } from "./prng";

/** Share of customers who look like a second record of the customer before them. */
const DUPLICATE_RATE = 0.006;
const COUNTRY_CUMULATIVE = cumulate(COUNTRIES.map((c) => c.weight));

export interface DemoProfile {
  firstName: string;
  lastName: string;
  country: CountrySpec;
  city: string;
  phone: string | null;
  /** As the customer typed it (a few use capitals); identities hold it lower-cased. */
  email: string;
  /** Further email addresses (lower-case): a work address or a "+shop" alias. */
  otherEmails: string[];
  birthYear: number;
  channel: string;
  /** Set when this record copies the name, phone and place of the customer with that id. */
  duplicateOfId: number | null;
}

interface BaseProfile extends Omit<DemoProfile, "otherEmails" | "duplicateOfId"> {
  duplicateDraw: number;
  local: string;
  domain: string;
  rng: Rng;
}

const fold = (name: string): string =>
  name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");

function phoneNumber(rng: Rng, pattern: string): string {
  return pattern.replace(/[#N]/g, (c) => String(c === "N" ? rng.int(2, 9) : rng.int(0, 9)));
}

/** Ends in the customer's id, so no two customers' addresses can collide. */
function localPart(rng: Rng, first: string, last: string, id: number): string {
  const [f, l] = [fold(first), fold(last)];
  const forms = [`${f}.${l}`, `${f}${l}`, `${f.slice(0, 1)}.${l}`, `${f}_${l}`, f];
  return `${rng.pick(forms)}${id}`;
}

function baseProfile(seed: number, index: number): BaseProfile {
  const rng = new Rng(hashSeed(seed, index, 1));
  const duplicateDraw = rng.next();
  const country = COUNTRIES[rng.weighted(COUNTRY_CUMULATIVE)] ?? (COUNTRIES[0] as CountrySpec);
  const firstName = rng.pick(FIRST_NAMES[country.locale]);
  const lastName = rng.pick(LAST_NAMES[country.locale]);
  const city = country.cities[Math.floor(rng.next() ** 1.8 * country.cities.length)] ?? "";
  const phone = rng.chance(0.8) ? phoneNumber(rng, country.phone) : null;
  const local = localPart(rng, firstName, lastName, index + 1);
  const domain = rng.pick(PERSONAL_DOMAINS);
  const typed = rng.chance(0.05) ? local.replace(/(^|[._])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase()) : local;
  const birthYear = 1950 + Math.floor(55 * rng.next() ** 0.8);
  const channel = rng.pick(ACQUISITION_CHANNELS);
  return { rng, duplicateDraw, country, firstName, lastName, city, phone, local, domain, email: `${typed}@${domain}`, birthYear, channel };
}

/** The profile of the customer at `index` (id index + 1); depends only on seed and index. */
export function generateProfile(seed: number, index: number): DemoProfile {
  const own = baseProfile(seed, index);
  const rng = own.rng;
  let profile: DemoProfile = { ...own, otherEmails: [], duplicateOfId: null };
  if (index > 0 && own.duplicateDraw < DUPLICATE_RATE) {
    const previous = baseProfile(seed, index - 1);
    if (previous.duplicateDraw >= DUPLICATE_RATE) {
      // Same person, second account: the other's address without dots, at another provider.
      const domain = rng.pick(PERSONAL_DOMAINS.filter((d) => d !== previous.domain));
      const { firstName, lastName, country, city, phone, birthYear } = previous;
      const email = `${previous.local.replace(/[._]/g, "")}@${domain}`;
      profile = { ...profile, firstName, lastName, country, city, phone, birthYear, email, duplicateOfId: index };
    }
  }
  const lower = profile.email.toLowerCase();
  const extra = rng.next();
  if (extra < 0.03) profile.otherEmails.push(`${fold(profile.firstName)}.${fold(profile.lastName)}${index + 1}@${rng.pick(WORK_DOMAINS)}`);
  else if (extra < 0.045) profile.otherEmails.push(lower.replace("@", "+shop@"));
  return profile;
}
