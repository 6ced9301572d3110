/** Validation of IANA time zones, ISO 4217 currencies and ISO 3166 regions via Intl. Client-safe. */

/** The canonical name of an IANA time zone ("europe/london" → "Europe/London"), or null. */
export function canonicalTimeZone(value: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-]*(\/[A-Za-z0-9_+\-]+)*$/.test(value)) return null;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function timeZoneOptions(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone")];
}

export function currencyOptions(): string[] {
  return Intl.supportedValuesOf("currency");
}

export function isCurrencyCode(value: string): boolean {
  return /^[A-Z]{3}$/.test(value) && currencyOptions().includes(value);
}

/** Two-letter codes Intl knows that are not countries or regions of ISO 3166-1. */
const notCountries = new Set(["EU", "EZ", "UN", "ZZ", "QO", "UK"]);

export function regionName(code: string): string | undefined {
  if (!/^[A-Z]{2}$/.test(code) || notCountries.has(code)) return undefined;
  return new Intl.DisplayNames(["en"], { type: "region", fallback: "none" }).of(code);
}

export function currencyName(code: string): string | undefined {
  return new Intl.DisplayNames(["en"], { type: "currency", fallback: "none" }).of(code);
}
