import type { RejectedField } from "../create-rejection-recorder";
import { normalizeEmail, normalizePhone, parseYesNo } from "../csv/normalize-contact";
import type { ByteSource } from "../csv/open-file-source";
import { parseDate } from "../csv/parse-date";
import { emptyCustomerRow, type CustomerRow, type ReadRow } from "../customers/customer-row";
import type { ColumnMapping, DateOrder, ImportOptions } from "../schemas";
import { readMappedRecords } from "./read-mapped-records";
import { countryCode, normalizeCountry } from "../../customers/countries";

/** Any CSV of customers with a column mapping. */
export async function* readMappedCustomers(opts: {
  source: ByteSource;
  mapping: ColumnMapping;
  options: ImportOptions;
  dateOrder: Exclude<DateOrder, "auto">;
  defaultRegion: string;
  signal?: AbortSignal;
}): AsyncGenerator<ReadRow<CustomerRow>> {
  for await (const rec of readMappedRecords(opts)) {
    const { column, get } = rec;
    const problems: RejectedField[] = [];
    const row = emptyCustomerRow();
    const rawEmail = get("email");
    row.email = rawEmail ? normalizeEmail(rawEmail) : null;
    if (rawEmail && !row.email) problems.push({ field: column("email")!, reason: `not an email address: "${rawEmail}"` });
    row.externalId = get("external_id") || null;
    if (!rawEmail && !row.externalId)
      problems.push({ field: column("email") ?? column("external_id")!, reason: "no email and no id: Tailor cannot tell who this is" });
    row.firstName = get("first_name") || null;
    row.lastName = get("last_name") || null;
    row.country = normalizeCountry(get("country"));
    row.city = get("city") || null;
    const rawPhone = get("phone");
    if (rawPhone) {
      row.phone = normalizePhone(rawPhone, row.country && countryCode(row.country) ? row.country : opts.defaultRegion);
      if (!row.phone) problems.push({ field: column("phone")!, reason: `not a phone number Tailor can read: "${rawPhone}"` });
    }
    Object.assign(row.attributes, rec.attributes);
    const dateOf = (f: string): string | null => {
      const raw = get(f);
      if (!raw) return null;
      const parsed = parseDate(raw, opts.dateOrder);
      if (!parsed)
        problems.push({
          field: column(f)!,
          reason: `unreadable date "${raw}" (read as ${opts.dateOrder === "us" ? "M/D/YYYY" : opts.dateOrder === "eu" ? "D/M/YYYY" : "YYYY-MM-DD"})`,
        });
      return parsed;
    };
    row.seenAt = dateOf("signed_up_at");
    const consentAt = dateOf("consent_date");
    const rawConsent = get("email_consent");
    if (rawConsent) {
      const yes = parseYesNo(rawConsent);
      if (yes === null) problems.push({ field: column("email_consent")!, reason: `expected yes or no, found "${rawConsent}"` });
      // A grant without its date is recorded only when the marketer chose "granted now" in the mapping step.
      else if (yes && !consentAt && opts.mapping.consentWithoutDate === "unknown") row.consent = null;
      else
        row.consent = {
          status: yes ? "granted" : "denied",
          occurredAt: consentAt,
          proof: { file: opts.source.name, column: column("email_consent"), value: rawConsent },
        };
    }
    if (rec.extraFields > 0) problems.push({ field: "row", reason: `${rec.extraFields} more field(s) than the header has columns` });
    yield { rowNumber: rec.rowNumber, raw: rec.raw, result: problems.length ? { ok: false, problems } : { ok: true, row } };
  }
}
