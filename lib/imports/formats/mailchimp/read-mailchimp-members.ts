import type { RejectedField } from "../../create-rejection-recorder";
import { normalizeEmail, normalizePhone } from "../../csv/normalize-contact";
import type { ByteSource } from "../../csv/open-file-source";
import { readCsvRecords } from "../../csv/read-csv-records";
import { requireColumns } from "../../csv/require-columns";
import { parseDate } from "../../csv/parse-date";
import { emptyCustomerRow, rowResult, type CustomerRow, type ReadRow } from "../../staging/customers/customer-row";
import type { ImportOptions } from "../../format-schemas";
import { normalizeCountry } from "../../../customers/countries";

export type MailchimpList = "subscribed" | "unsubscribed" | "cleaned";

const CONSENT: Record<MailchimpList, "granted" | "withdrawn" | "denied"> = {
  subscribed: "granted",
  unsubscribed: "withdrawn",
  cleaned: "denied",
};

/** Which list a file is: its columns say it (UNSUB_TIME, CLEAN_TIME), else its name, else subscribed. */
export function mailchimpListOf(header: string[], fileName: string): MailchimpList {
  if (header.includes("CLEAN_TIME")) return "cleaned";
  if (header.includes("UNSUB_TIME")) return "unsubscribed";
  const name = fileName.toLowerCase();
  if (name.includes("cleaned")) return "cleaned";
  if (name.includes("unsubscribed")) return "unsubscribed";
  return "subscribed";
}

/** Mailchimp's times are UTC, written "2015-03-16 14:40:47". */
function utc(value: string | undefined): string | null {
  const v = (value ?? "").trim();
  if (!v) return null;
  const parsed = parseDate(v, "iso");
  return parsed && !/[+-]\d\d:\d\d$/.test(parsed) ? `${parsed}+00:00` : parsed;
}

/**
 * One Mailchimp audience file → people with an email_marketing consent record: subscribed →
 * granted, unsubscribed → withdrawn, cleaned → denied (a suppressed address); OPTIN/CONFIRM time and
 * IP are the proof. `firstRow` continues row numbers across the files of a ZIP.
 */
export async function* readMailchimpMembers(opts: {
  source: ByteSource;
  options: ImportOptions;
  defaultRegion: string;
  firstRow?: number;
  signal?: AbortSignal;
}): AsyncGenerator<ReadRow<CustomerRow>> {
  let list: MailchimpList = "subscribed";
  const records = readCsvRecords({
    open: opts.source.open,
    encoding: opts.options.encoding,
    fileName: opts.source.name,
    signal: opts.signal,
    onHeader: (h) => {
      requireColumns(h, { what: "a Mailchimp audience export", required: ["Email Address"] });
      list = mailchimpListOf(h, opts.source.name);
    },
  });
  const offset = (opts.firstRow ?? 1) - 1;
  for await (const rec of records) {
    const v = rec.values;
    const get = (k: string) => (v[k] ?? "").trim();
    const problems: RejectedField[] = [];
    const row = emptyCustomerRow();
    const rawEmail = get("Email Address");
    row.email = normalizeEmail(rawEmail);
    if (!row.email)
      problems.push({
        field: "Email Address",
        reason: rawEmail ? `not an email address: "${rawEmail}" (${opts.source.name})` : `no email address (${opts.source.name})`,
      });
    row.firstName = get("First Name") || null;
    row.lastName = get("Last Name") || null;
    row.country = normalizeCountry(get("CC"));
    const rawPhone = get("Phone Number");
    // An unreadable phone is skipped (a warning): the member and their consent are still imported.
    const warnings: RejectedField[] = [];
    if (rawPhone) {
      row.phone = normalizePhone(rawPhone, row.country ?? opts.defaultRegion);
      if (!row.phone)
        warnings.push({ field: "Phone Number", reason: `not a phone number Tailor can read: "${rawPhone}"; imported without a phone` });
    }
    for (const [column, key] of [
      ["MEMBER_RATING", "mailchimp_rating"],
      ["TIMEZONE", "timezone"],
      ["REGION", "region"],
      ["NOTES", "notes"],
    ] as const) {
      if (get(column)) row.attributes[key] = get(column);
    }
    // Unreadable times are skipped (warnings): the member is still imported, dated by the times that can be read.
    const times: Record<string, string | null> = {};
    const unreadable: string[] = [];
    for (const column of ["OPTIN_TIME", "CONFIRM_TIME", "LAST_CHANGED", "UNSUB_TIME", "CLEAN_TIME"]) {
      times[column] = utc(v[column]);
      if (get(column) && !times[column]) unreadable.push(column);
    }
    row.seenAt = times.OPTIN_TIME ?? times.CONFIRM_TIME ?? null;
    const proof: Record<string, unknown> = { mailchimpStatus: list, file: opts.source.name };
    for (const [column, key] of [
      ["OPTIN_TIME", "optinTime"],
      ["OPTIN_IP", "optinIp"],
      ["CONFIRM_TIME", "confirmTime"],
      ["CONFIRM_IP", "confirmIp"],
      ["UNSUB_REASON", "unsubscribeReason"],
      ["UNSUB_CAMPAIGN_TITLE", "unsubscribeCampaign"],
      ["CLEAN_CAMPAIGN_TITLE", "cleanedCampaign"],
      ["LEID", "leid"],
      ["EUID", "euid"],
    ] as const) {
      if (get(column)) proof[key] = get(column);
    }
    const occurredAt =
      list === "subscribed"
        ? (times.CONFIRM_TIME ?? times.OPTIN_TIME ?? times.LAST_CHANGED ?? null)
        : list === "unsubscribed"
          ? (times.UNSUB_TIME ?? times.LAST_CHANGED ?? null)
          : (times.CLEAN_TIME ?? times.LAST_CHANGED ?? null);
    // A grant Tailor cannot date is not recorded (as for any import); a refusal is, as of the import.
    const undatedGrant = list === "subscribed" && occurredAt === null && unreadable.length > 0;
    row.consent = undatedGrant ? null : { status: CONSENT[list], occurredAt, proof };
    for (const column of unreadable)
      warnings.push({
        field: column,
        reason: `unreadable date "${get(column)}" (expected YYYY-MM-DD HH:MM:SS); ${
          undatedGrant
            ? "the subscription was not recorded (a grant needs its date)"
            : occurredAt === null && list !== "subscribed"
              ? `the ${list === "unsubscribed" ? "unsubscribe" : "cleaned status"} was recorded as of the import`
              : "imported without it"
        }`,
      });
    yield { rowNumber: offset + rec.rowNumber, raw: rec.raw, result: rowResult(row, problems, warnings) };
  }
}
