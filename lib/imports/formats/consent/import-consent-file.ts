import { addressHash } from "../../../consent/installation-secret";
import { listConsentPurposes } from "../../../consent/purposes";
import { consentStatuses } from "../../../consent/schemas";
import { db } from "../../../db";
import type { RejectedField } from "../../create-rejection-recorder";
import { importCsvInBatches, type ReadRow } from "../../csv/import-csv-in-batches";
import type { ImporterOptions, ImporterResult } from "../../importer";

/** The columns of a consent file; email or customer_id names the person. */
export const consentFileColumns = ["email", "customer_id", "purpose", "status", "occurred_at", "ip", "user_agent", "wording"] as const;

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

type ConsentStatus = (typeof consentStatuses)[number];

interface ValidRow {
  email: string | null;
  customerId: number | null;
  purpose: string;
  status: ConsentStatus;
  occurredAt: Date;
  proof: Record<string, string>;
}

/** A date, or a date and time with a zone (ISO 8601); null when it is neither. */
export function parseConsentInstant(text: string): Date | null {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  if (!dateOnly && !/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) return null;
  const d = new Date(dateOnly ? `${text}T00:00:00Z` : text.replace(" ", "T"));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Checks one row's fields; the problems name the field, as the rejected-rows list shows them. */
function readRow(values: Record<string, string>, purposes: Set<string>, now: number): ValidRow | RejectedField {
  const email = values.email ? values.email.toLowerCase() : null;
  const customerId = values.customer_id ? Number(values.customer_id) : null;
  if (!email && !customerId) return { field: "email", reason: "empty: give the person's email or customer_id" };
  if (email && !EMAIL.test(email)) return { field: "email", reason: `"${values.email}" is not an email address` };
  if (values.customer_id && (!Number.isInteger(customerId) || customerId! <= 0)) {
    return { field: "customer_id", reason: `"${values.customer_id}" is not a customer number` };
  }
  const purpose = (values.purpose ?? "").toLowerCase();
  if (!purposes.has(purpose)) {
    return {
      field: "purpose",
      reason: `unknown purpose "${values.purpose ?? ""}"; use one of ${[...purposes].join(", ")} (admins add purposes on the Privacy page)`,
    };
  }
  const status = (values.status ?? "").toLowerCase();
  if (!(consentStatuses as readonly string[]).includes(status)) {
    return { field: "status", reason: `"${values.status ?? ""}" is not a status; use granted, denied or withdrawn` };
  }
  const occurredAt = parseConsentInstant(values.occurred_at ?? "");
  if (!occurredAt) {
    return { field: "occurred_at", reason: `"${values.occurred_at ?? ""}" is not a date and time with a zone, e.g. 2024-03-01T10:15:00Z` };
  }
  if (occurredAt.getTime() > now + 5 * 60_000) return { field: "occurred_at", reason: `${values.occurred_at} is in the future` };
  const proof: Record<string, string> = {};
  if (values.ip) proof.ip = values.ip.slice(0, 100);
  if (values.user_agent) proof.userAgent = values.user_agent.slice(0, 500);
  if (values.wording) proof.wording = values.wording.slice(0, 2000);
  return { email, customerId, purpose, status: status as ConsentStatus, occurredAt, proof };
}

/** The customers the rows name (by email identity, else the email column; or by number), and which of their addresses are suppressed. */
async function resolvePeople(rows: ReadRow<ValidRow>[]) {
  const emails = [...new Set(rows.flatMap(({ value: v }) => (v.email ? [v.email] : [])))];
  const ids = [...new Set(rows.flatMap(({ value: v }) => (v.customerId ? [v.customerId] : [])))];
  const [byEmail, byId] = await Promise.all([
    emails.length
      ? db.$queryRaw<{ value: string; customerId: number; email: string | null }[]>`
          SELECT DISTINCT ON (i.value) i.value, i.customer_id AS "customerId", c.email FROM identities i JOIN customers c ON c.id = i.customer_id
          WHERE i.type = 'email' AND i.value = ANY(${emails}) ORDER BY i.value, i.customer_id`
      : [],
    ids.length ? db.customer.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } }) : [],
  ]);
  const byEmailMap = new Map(byEmail.map((r) => [r.value, { id: r.customerId, email: r.email }]));
  const unresolved = emails.filter((e) => !byEmailMap.has(e));
  if (unresolved.length) {
    const found = await db.customer.findMany({
      where: { email: { in: unresolved } },
      select: { id: true, email: true },
      orderBy: { id: "asc" },
    });
    for (const c of found) if (c.email && !byEmailMap.has(c.email)) byEmailMap.set(c.email, c);
  }
  const byIdMap = new Map(byId.map((c) => [c.id, c]));
  const addresses = [...new Set([...emails, ...byId.flatMap((c) => (c.email ? [c.email] : []))])];
  const suppressed = new Set(
    (await db.suppression.findMany({ where: { addressHash: { in: addresses.map(addressHash) } }, select: { addressHash: true } })).map(
      (s) => s.addressHash,
    ),
  );
  return { byEmail: byEmailMap, byId: byIdMap, suppressed };
}

/**
 * `consent`: a CSV of consent events — `email` (or `customer_id`), `purpose`, `status` (granted,
 * denied, withdrawn), `occurred_at` (ISO 8601 with a zone), optionally `ip`, `user_agent`, `wording`.
 * Records are appended (source "import", the import named in the proof); a record already held (same
 * person, purpose, status and time, from an import) is not added twice; a row naming nobody, an unknown
 * purpose or a grant of email marketing for a suppressed address is rejected with its field. Streamed in
 * batches, one transaction: a failed or cancelled import adds nothing.
 */
export async function importConsentFile(opts: ImporterOptions): Promise<ImporterResult> {
  const purposes = new Set((await listConsentPurposes()).map((p) => p.key));
  const touched = new Set<number>();
  // Records this file already holds (a file may repeat a row): person|purpose|status|time.
  const seen = new Set<string>();
  const key = (customerId: number, purpose: string, status: string, at: Date) => `${customerId}|${purpose}|${status}|${at.getTime()}`;
  const now = Date.now();
  const counts = await importCsvInBatches<ValidRow>(opts, {
    applicationName: "tailor-import-consent",
    header: {
      what: "a consent file (columns email or customer_id, purpose, status, occurred_at)",
      required: ["purpose", "status", "occurred_at"],
      anyOf: ["email", "customer_id"],
    },
    batchSize: 1000,
    read(values, problems) {
      const row = readRow(values, purposes, now);
      if ("field" in row) {
        problems.push(row);
        return null;
      }
      return row;
    },
    async write(rows, { client, counts, reject }) {
      const people = await resolvePeople(rows);
      const ready: { customerId: number; row: ValidRow }[] = [];
      for (const read of rows) {
        const row = read.value;
        const customer = row.email ? people.byEmail.get(row.email) : people.byId.get(row.customerId!);
        if (!customer) {
          await reject(read, {
            field: row.email ? "email" : "customer_id",
            reason: `no customer has ${row.email ?? `the number ${row.customerId}`}; import the customer first`,
          });
          continue;
        }
        const address = row.email ?? customer.email;
        if (row.purpose === "email_marketing" && row.status === "granted" && address && people.suppressed.has(addressHash(address))) {
          await reject(read, {
            field: "status",
            reason:
              "this address is on the suppression list (unsubscribed, bounced, complained or erased); an import cannot resubscribe it",
          });
          continue;
        }
        ready.push({ customerId: customer.id, row });
      }
      if (ready.length === 0) return;
      const held = await db.$queryRaw<{ customerId: number; purpose: string; status: string; occurredAt: Date }[]>`
        SELECT cr.customer_id AS "customerId", cr.purpose, cr.status::text AS status, cr.occurred_at AS "occurredAt"
        FROM consent_records cr
        JOIN unnest(${ready.map((r) => r.customerId)}::int[], ${ready.map((r) => r.row.purpose)}::text[],
                    ${ready.map((r) => r.row.occurredAt)}::timestamptz[]) AS v(customer_id, purpose, occurred_at)
          ON cr.customer_id = v.customer_id AND cr.purpose = v.purpose AND cr.occurred_at = v.occurred_at
        WHERE cr.source = 'import'`;
      for (const h of held) seen.add(key(h.customerId, h.purpose, h.status, new Date(h.occurredAt)));
      const fresh = ready.filter(({ customerId, row }) => {
        const k = key(customerId, row.purpose, row.status, row.occurredAt);
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
      counts.alreadyPresent += ready.length - fresh.length;
      counts.imported += fresh.length;
      for (const { customerId } of fresh) touched.add(customerId);
      if (!client || fresh.length === 0) return;
      await client.query(
        `INSERT INTO consent_records (customer_id, purpose, status, source, occurred_at, proof, recorded_by_id)
         SELECT u.customer_id, u.purpose, u.status::"ConsentStatus", 'import', u.occurred_at, u.proof, $6
         FROM unnest($1::int[], $2::text[], $3::text[], $4::timestamptz[], $5::jsonb[]) AS u(customer_id, purpose, status, occurred_at, proof)`,
        [
          fresh.map((r) => r.customerId),
          fresh.map((r) => r.row.purpose),
          fresh.map((r) => r.row.status),
          fresh.map((r) => r.row.occurredAt),
          fresh.map((r) => JSON.stringify({ ...r.row.proof, importId: opts.importJobId, file: opts.fileName })),
          opts.actor.id,
        ],
      );
    },
  });
  return { counts, details: {}, touchedCustomerIds: [...touched] };
}
