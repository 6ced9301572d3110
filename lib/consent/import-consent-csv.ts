import { parse } from "csv-parse/sync";
import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db, type Prisma } from "../db";
import { AppError } from "../errors";
import { addressHash } from "./installation-secret";
import { listConsentPurposes } from "./purposes";
import { consentStatuses } from "./schemas";

export interface ConsentImportRejection {
  row: number;
  field: string;
  reason: string;
}

export interface ConsentImportReport {
  rowsRead: number;
  imported: number;
  alreadyPresent: number;
  rejected: ConsentImportRejection[];
}

const maxBytes = 20 * 1024 * 1024;
const batchSize = 1000;

/**
 * A consent CSV: header `email` or `customer_id`, `purpose`, `status` (granted/denied/withdrawn),
 * `occurred_at` (ISO 8601 with zone), optional `ip`, `user_agent`, `wording`. Valid rows are
 * appended (source "import"); a row identical to a record already held is not added twice; invalid
 * rows are reported by row number and field and change nothing. A grant of email marketing for a
 * suppressed (unsubscribed, bounced, complained, erased) address is refused.
 */
export async function importConsentCsv(options: { csv: string; actor: Actor; dryRun?: boolean }): Promise<ConsentImportReport> {
  if (Buffer.byteLength(options.csv) > maxBytes)
    throw new AppError("too_large", "The consent file is over 20 MB; split it into smaller files.");
  let records: Record<string, string>[];
  try {
    records = parse(options.csv, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      bom: true,
      trim: true,
      relax_column_count: true,
    });
  } catch (e) {
    throw new AppError(
      "unprocessable",
      `The file is not valid CSV: ${(e as Error).message}. Save it as comma-separated UTF-8 with a header row.`,
    );
  }
  const header = records[0] ? Object.keys(records[0]) : [];
  if (records.length === 0)
    throw new AppError("unprocessable", "The file has no data rows. The first row must be a header: email,purpose,status,occurred_at.");
  const missing = ["purpose", "status", "occurred_at"].filter((c) => !header.includes(c));
  if (!header.includes("email") && !header.includes("customer_id")) missing.unshift("email or customer_id");
  if (missing.length)
    throw new AppError(
      "unprocessable",
      `The header lacks ${missing.join(", ")}. Expected columns: email (or customer_id), purpose, status, occurred_at, and optionally ip, user_agent, wording.`,
    );

  const purposes = new Set((await listConsentPurposes()).map((p) => p.key));
  const report: ConsentImportReport = { rowsRead: records.length, imported: 0, alreadyPresent: 0, rejected: [] };
  for (let start = 0; start < records.length; start += batchSize) {
    const batch = records.slice(start, start + batchSize).map((r, i) => ({ r, row: start + i + 2 })); // +2: 1-based, after the header
    await importBatch({ batch, purposes, report, actor: options.actor, dryRun: options.dryRun ?? false });
  }
  if (!options.dryRun) {
    await writeAuditLog({
      actor: options.actor,
      action: "consent.import",
      targetType: "consent_import",
      after: {
        rowsRead: report.rowsRead,
        imported: report.imported,
        alreadyPresent: report.alreadyPresent,
        rejected: report.rejected.length,
      },
    });
  }
  return report;
}

interface Valid {
  row: number;
  email: string | null;
  customerId: number | null;
  purpose: string;
  status: (typeof consentStatuses)[number];
  occurredAt: Date;
  proof: Record<string, string>;
}

async function importBatch(o: {
  batch: { r: Record<string, string>; row: number }[];
  purposes: Set<string>;
  report: ConsentImportReport;
  actor: Actor;
  dryRun: boolean;
}) {
  const reject = (row: number, field: string, reason: string) => o.report.rejected.push({ row, field, reason });
  const valid: Valid[] = [];
  for (const { r, row } of o.batch) {
    const email = r.email ? r.email.toLowerCase() : null;
    const customerId = r.customer_id ? Number(r.customer_id) : null;
    if (!email && !customerId) {
      reject(row, "email", "Empty: give the person's email or customer_id.");
      continue;
    }
    if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
      reject(row, "email", `"${r.email}" is not an email address.`);
      continue;
    }
    if (r.customer_id && (!Number.isInteger(customerId) || customerId! <= 0)) {
      reject(row, "customer_id", `"${r.customer_id}" is not a customer number.`);
      continue;
    }
    const purpose = (r.purpose ?? "").toLowerCase();
    if (!o.purposes.has(purpose)) {
      reject(
        row,
        "purpose",
        `Unknown purpose "${r.purpose ?? ""}"; use one of ${[...o.purposes].join(", ")} (admins add purposes on the Privacy page).`,
      );
      continue;
    }
    const status = (r.status ?? "").toLowerCase();
    if (!(consentStatuses as readonly string[]).includes(status)) {
      reject(row, "status", `"${r.status ?? ""}" is not a status; use granted, denied or withdrawn.`);
      continue;
    }
    const occurredAt = parseInstant(r.occurred_at ?? "");
    if (!occurredAt) {
      reject(row, "occurred_at", `"${r.occurred_at ?? ""}" is not a date and time with a zone, e.g. 2024-03-01T10:15:00Z.`);
      continue;
    }
    if (occurredAt.getTime() > Date.now() + 5 * 60_000) {
      reject(row, "occurred_at", `${r.occurred_at} is in the future.`);
      continue;
    }
    const proof: Record<string, string> = {};
    if (r.ip) proof.ip = r.ip.slice(0, 100);
    if (r.user_agent) proof.userAgent = r.user_agent.slice(0, 500);
    if (r.wording) proof.wording = r.wording.slice(0, 2000);
    valid.push({ row, email, customerId, purpose, status: status as Valid["status"], occurredAt, proof });
  }
  if (valid.length === 0) return;

  const emails = [...new Set(valid.flatMap((v) => (v.email ? [v.email] : [])))];
  const ids = [...new Set(valid.flatMap((v) => (v.customerId ? [v.customerId] : [])))];
  const [byEmail, byId] = await Promise.all([
    emails.length
      ? db.$queryRaw<{ value: string; customerId: number; email: string | null }[]>`
          SELECT DISTINCT ON (i.value) i.value, i.customer_id AS "customerId", c.email FROM identities i JOIN customers c ON c.id = i.customer_id
          WHERE i.type = 'email' AND i.value = ANY(${emails}) ORDER BY i.value, i.customer_id`
      : [],
    ids.length ? db.customer.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } }) : [],
  ]);
  const emailMap = new Map(byEmail.map((r) => [r.value, { id: r.customerId, email: r.email }]));
  // Customers whose email is not (yet) an identity: fall back to the email column.
  const unresolved = emails.filter((e) => !emailMap.has(e));
  if (unresolved.length) {
    for (const c of await db.customer.findMany({
      where: { email: { in: unresolved } },
      select: { id: true, email: true },
      orderBy: { id: "asc" },
    })) {
      if (c.email && !emailMap.has(c.email)) emailMap.set(c.email, c);
    }
  }
  const idMap = new Map(byId.map((c) => [c.id, c]));
  const suppressed = new Set(
    (
      await db.suppression.findMany({
        where: { addressHash: { in: [...new Set([...emails, ...byId.flatMap((c) => (c.email ? [c.email] : []))])].map(addressHash) } },
        select: { addressHash: true },
      })
    ).map((s) => s.addressHash),
  );

  const rows: Prisma.ConsentRecordCreateManyInput[] = [];
  for (const v of valid) {
    const customer = v.email ? emailMap.get(v.email) : idMap.get(v.customerId!);
    if (!customer) {
      o.report.rejected.push({
        row: v.row,
        field: v.email ? "email" : "customer_id",
        reason: `No customer has ${v.email ?? `the number ${v.customerId}`}; import the customer first.`,
      });
      continue;
    }
    const address = v.email ?? customer.email;
    if (v.purpose === "email_marketing" && v.status === "granted" && address && suppressed.has(addressHash(address))) {
      o.report.rejected.push({
        row: v.row,
        field: "status",
        reason: "This address is on the suppression list (unsubscribed, bounced, complained or erased); an import cannot resubscribe it.",
      });
      continue;
    }
    rows.push({
      customerId: customer.id,
      purpose: v.purpose,
      status: v.status,
      source: "import",
      occurredAt: v.occurredAt,
      proof: v.proof,
    });
  }
  if (rows.length === 0) return;
  // Records already held (same person, purpose, status, time, source import): one set-based lookup.
  const existing = await db.$queryRaw<{ customerId: number; purpose: string; status: string; occurredAt: Date }[]>`
    SELECT cr.customer_id AS "customerId", cr.purpose, cr.status::text AS status, cr.occurred_at AS "occurredAt"
    FROM consent_records cr
    JOIN unnest(${rows.map((r) => r.customerId)}::int[], ${rows.map((r) => r.purpose)}::text[], ${rows.map((r) => new Date(r.occurredAt as Date))}::timestamptz[]) AS v(customer_id, purpose, occurred_at)
      ON cr.customer_id = v.customer_id AND cr.purpose = v.purpose AND cr.occurred_at = v.occurred_at
    WHERE cr.source = 'import'`;
  const key = (r: { customerId: number; purpose: string; status: string; occurredAt: Date | string }) =>
    `${r.customerId}|${r.purpose}|${r.status}|${new Date(r.occurredAt).getTime()}`;
  const seen = new Set(existing.map(key));
  const fresh = rows.filter((r) => {
    const k = key(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  o.report.alreadyPresent += rows.length - fresh.length;
  if (!o.dryRun && fresh.length) await db.consentRecord.createMany({ data: fresh });
  o.report.imported += fresh.length;
}

function parseInstant(text: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text) && !/^\d{4}-\d{2}-\d{2}$/.test(text))
    return null;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text.replace(" ", "T"));
  return Number.isNaN(d.getTime()) ? null : d;
}
