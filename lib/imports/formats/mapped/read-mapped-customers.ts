import type { RejectedField } from "../../create-rejection-recorder";
import { normalizePhone, parseYesNo } from "../../csv/normalize-contact";
import { parseDate } from "../../csv/parse-date";
import { emptyCustomerRow, rowResult, type CustomerRow, type ReadRow, readRow } from "../../staging/customers/customer-row";
import { readMappedRecords, type MappedReaderOptions } from "./read-mapped-records";
import { countryCode, normalizeCountry } from "../../../customers/countries";
import { checkExtraFields, readEmailField } from "../../csv/row-problems";

/** Any CSV of customers with a column mapping. */
export async function* readMappedCustomers(opts: MappedReaderOptions & { defaultRegion: string }): AsyncGenerator<ReadRow<CustomerRow>> {
  for await (const rec of readMappedRecords(opts)) {
    const { column, get } = rec;
    const problems: RejectedField[] = [];
    const row = emptyCustomerRow();
    const rawEmail = get("email");
    row.email = readEmailField(rawEmail, column("email")!, problems);
    row.externalId = get("external_id") || null;
    if (!rawEmail && !row.externalId)
      problems.push({ field: column("email") ?? column("external_id")!, reason: "no email and no id: Tailor cannot tell who this is" });
    row.firstName = get("first_name") || null;
    row.lastName = get("last_name") || null;
    row.country = normalizeCountry(get("country"));
    row.city = get("city") || null;
    // Optional fields: one that cannot be read is skipped (a warning), the person is still imported.
    const warnings: RejectedField[] = [];
    const rawPhone = get("phone");
    if (rawPhone) {
      row.phone = normalizePhone(rawPhone, row.country && countryCode(row.country) ? row.country : opts.defaultRegion);
      if (!row.phone)
        warnings.push({ field: column("phone")!, reason: `not a phone number Tailor can read: "${rawPhone}"; imported without a phone` });
    }
    Object.assign(row.attributes, rec.attributes);
    const dateOf = (f: string, without: string): { ok: boolean; date: string | null } => {
      const raw = get(f);
      if (!raw) return { ok: true, date: null };
      const parsed = parseDate(raw, opts.dateOrder);
      if (!parsed)
        warnings.push({
          field: column(f)!,
          reason: `unreadable date "${raw}" (read as ${opts.dateOrder === "us" ? "M/D/YYYY" : opts.dateOrder === "eu" ? "D/M/YYYY" : "YYYY-MM-DD"}); ${without}`,
        });
      return { ok: !!parsed, date: parsed };
    };
    row.seenAt = dateOf("signed_up_at", "imported without a sign-up date").date;
    const rawConsent = get("email_consent");
    const yes = rawConsent ? parseYesNo(rawConsent) : null;
    const consentAt = dateOf(
      "consent_date",
      yes ? "the consent was not recorded (a grant needs its date)" : "the refusal was recorded as of the import",
    );
    if (rawConsent) {
      if (yes === null)
        warnings.push({ field: column("email_consent")!, reason: `expected yes or no, found "${rawConsent}"; no consent recorded` });
      // A grant with an unreadable date is not recorded (never a grant Tailor cannot date); a refusal is.
      else if (yes && !consentAt.ok) row.consent = null;
      // A grant without its date is recorded only when the marketer chose "granted now" in the mapping step.
      else if (yes && !consentAt.date && opts.mapping.consentWithoutDate === "unknown") row.consent = null;
      else
        row.consent = {
          status: yes ? "granted" : "denied",
          occurredAt: consentAt.date,
          proof: { file: opts.source.name, column: column("email_consent"), value: rawConsent },
        };
    }
    checkExtraFields(rec, problems);
    yield readRow(rec, rowResult(row, problems, warnings));
  }
}
