import type { RejectedField } from "../../create-rejection-recorder";
import { normalizePhone, parseYesNo } from "../../csv/normalize-contact";
import type { ByteSource } from "../../csv/open-file-source";
import { readCsvRecords } from "../../csv/read-csv-records";
import { requireColumns } from "../../csv/require-columns";
import { emptyCustomerRow, rowResult, type CustomerRow, type ReadRow, readRow } from "../../staging/customers/customer-row";
import type { ImportOptions } from "../../format-schemas";
import { normalizeCountry } from "../../../customers/countries";
import { checkExtraFields, readEmailField } from "../../csv/row-problems";

const ATTRIBUTES: Record<string, string> = {
  "Default Address Company": "company",
  "Default Address Province Code": "province",
  "Default Address Zip": "zip",
  Tags: "tags",
  Note: "note",
  "Accepts SMS Marketing": "accepts_sms_marketing",
  "Tax Exempt": "tax_exempt",
};

/** A Shopify id as exported ("'7081234567890" in some exports). */
export const shopifyId = (v: string | undefined) => (v ?? "").trim().replace(/^'/, "") || null;

/** Shopify's admin customer export → people, "Accepts Email Marketing" → email_marketing consent. */
export async function* readShopifyCustomers(opts: {
  source: ByteSource;
  options: ImportOptions;
  defaultRegion: string;
  signal?: AbortSignal;
}): AsyncGenerator<ReadRow<CustomerRow>> {
  const records = readCsvRecords({
    open: opts.source.open,
    encoding: opts.options.encoding,
    fileName: opts.source.name,
    signal: opts.signal,
    onHeader: (h) => requireColumns(h, { what: "a Shopify customer export", required: ["Email"], anyOf: ["Customer ID", "First Name"] }),
  });
  for await (const rec of records) {
    const v = rec.values;
    const get = (k: string) => (v[k] ?? "").trim();
    const problems: RejectedField[] = [];
    const row = emptyCustomerRow();
    row.externalId = shopifyId(v["Customer ID"]);
    const rawEmail = get("Email");
    row.email = readEmailField(rawEmail, "Email", problems);
    if (!rawEmail && !row.externalId)
      problems.push({ field: "Email", reason: "no email and no Customer ID: Tailor cannot tell who this is" });
    row.firstName = get("First Name") || null;
    row.lastName = get("Last Name") || null;
    row.country = normalizeCountry(get("Default Address Country Code"));
    row.city = get("Default Address City") || null;
    const phoneColumn = get("Phone") ? "Phone" : "Default Address Phone";
    const rawPhone = get(phoneColumn);
    // Optional fields: one that cannot be read is skipped (a warning), the person is still imported.
    const warnings: RejectedField[] = [];
    if (rawPhone) {
      row.phone = normalizePhone(rawPhone, row.country ?? opts.defaultRegion);
      if (!row.phone)
        warnings.push({ field: phoneColumn, reason: `not a phone number Tailor can read: "${rawPhone}"; imported without a phone` });
    }
    for (const [column, key] of Object.entries(ATTRIBUTES)) if (get(column)) row.attributes[key] = get(column);
    const accepts = get("Accepts Email Marketing");
    if (accepts) {
      const yes = parseYesNo(accepts);
      if (yes === null)
        warnings.push({ field: "Accepts Email Marketing", reason: `expected yes or no, found "${accepts}"; no consent recorded` });
      else
        row.consent = {
          status: yes ? "granted" : "denied",
          occurredAt: null,
          proof: { file: opts.source.name, column: "Accepts Email Marketing", value: accepts },
        };
    }
    checkExtraFields(rec, problems);
    yield readRow(rec, rowResult(row, problems, warnings));
  }
}
