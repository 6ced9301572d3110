import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { addSuppression } from "../consent/add-suppression";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { AppError } from "../errors";
import { deleteUploadsMentioning } from "../imports/uploads/delete-uploads-mentioning";
import { listOtherCustomerTables } from "./other-customer-tables";
import { identifiersOf, personTrackingCallsWhere, unique, wholeTokenPattern } from "./person-identifiers";
import { subjectReference } from "./subject-reference";

const redacted = { redacted: true } as const;

/**
 * Erasure (right to be forgotten), in one transaction:
 * - the profile is pseudonymized (names, email, phone, city, country, attributes emptied); its
 *   orders stay (anonymous revenue), its identities are deleted;
 * - the person's raw tracking calls lose their payload (IP address, user agent, traits) and ids;
 * - event properties and message ids, consent proof (IP, user agent, wording) are emptied; consent
 *   records stay (when, what, which source) so the history remains provable;
 * - audit entries about the person, or whose before/after contain their identifiers, keep their
 *   row but lose before/after (marked redacted); rejected import rows that contain them too;
 * - rows of other tables keyed by customer_id (memberships, features, scores) are deleted;
 * - every text and JSON column of every table not handled above is swept for the identifiers;
 * - each address goes on the suppression list as an HMAC only ("erased"), so no later import
 *   resubscribes the person.
 * The request is recorded under a pseudonymous reference, with who asked and who carried it out.
 */
export async function eraseCustomer(options: { customerId: number; requestedBy: string; actor: Actor }) {
  const customer = await db.customer.findUnique({ where: { id: options.customerId }, include: { identities: true } });
  if (!customer) throw new AppError("not_found", `There is no customer #${options.customerId}; they may have been erased already.`);
  if (customer.erasedAt) throw new AppError("conflict", `Customer #${customer.id} was erased already: there is nothing left to erase.`);
  const emails = unique(
    [customer.email, ...customer.identities.filter((i) => i.type === "email").map((i) => i.value)].map((e) => e?.trim().toLowerCase()),
  );
  const needles = identifiersOf(customer);
  const patterns = needles.map(wholeTokenPattern);
  const otherTables = await listOtherCustomerTables();
  const reference = subjectReference(customer.id);

  const request = await db.$transaction(
    async (tx) => {
      for (const email of emails) await addSuppression({ email, reason: "erased", source: "erasure", actor: options.actor, tx });
      await tx.customer.update({
        where: { id: customer.id },
        data: {
          email: null,
          firstName: null,
          lastName: null,
          phone: null,
          city: null,
          country: null,
          attributes: {},
          erasedAt: new Date(),
        },
      });
      // The person's raw tracking calls (IP address, user agent, traits), found before ids and message ids go.
      await tx.$executeRaw`
        UPDATE tracking_events t SET payload = CAST(${JSON.stringify(redacted)} AS jsonb), user_id = NULL, anonymous_id = NULL
        WHERE ${personTrackingCallsWhere(customer)}`;
      await tx.identity.deleteMany({ where: { customerId: customer.id } });
      await tx.event.updateMany({ where: { customerId: customer.id }, data: { properties: {}, messageId: null } });
      await tx.order.updateMany({ where: { customerId: customer.id }, data: { country: null } });
      await tx.consentRecord.updateMany({ where: { customerId: customer.id }, data: { proof: redacted } });
      for (const table of otherTables) await tx.$executeRaw`DELETE FROM ${Prisma.raw(`"${table}"`)} WHERE customer_id = ${customer.id}`;
      await tx.$executeRaw`
        UPDATE audit_log SET before = CASE WHEN before IS NULL THEN NULL ELSE CAST(${JSON.stringify(redacted)} AS jsonb) END,
                             after = CASE WHEN after IS NULL THEN NULL ELSE CAST(${JSON.stringify(redacted)} AS jsonb) END
        WHERE (target_type = 'customer' AND target_id = ${String(customer.id)})
           OR (${patterns.length > 0} AND (before::text ~* ANY(${patterns}) OR after::text ~* ANY(${patterns})))`;
      if (patterns.length) {
        await tx.$executeRaw`UPDATE import_rejections SET raw = '[redacted]' WHERE raw ~* ANY(${patterns})`;
        await sweepEverything(tx, patterns);
      }
      const row = await tx.dataSubjectRequest.create({
        data: {
          kind: "erasure",
          subjectRef: reference,
          requestedBy: options.requestedBy,
          performedById: options.actor.id,
          performedBy: options.actor.label,
        },
      });
      await writeAuditLog(
        {
          actor: options.actor,
          action: "dsr.erase",
          targetType: "data_subject_request",
          targetId: row.id,
          after: { reference, requestedBy: options.requestedBy },
        },
        tx,
      );
      return row;
    },
    { timeout: 10 * 60_000, maxWait: 30_000 },
  );
  // Files waiting to be imported are outside the database: those that name the person go too.
  const deletedUploads = await deleteUploadsMentioning({ needles });
  return { reference: request.subjectRef, requestId: request.id, suppressedAddresses: emails.length, deletedUploads };
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/**
 * Tables the steps above handle precisely (or that hold no customer data: products, settings,
 * staff users, migrations). The sweep covers every other table: those other features add (raw
 * payloads, send logs, …). Other customers' events are not swept: reading every event's JSON per
 * erasure costs minutes at a million customers (see npm run bench:privacy).
 */
const skip = new Set([
  "_prisma_migrations",
  "settings",
  "users",
  "products",
  "customers",
  "identities",
  "orders",
  "order_lines",
  "events",
  "consent_records",
  "consent_purposes",
  "audit_log",
  "import_jobs",
  "import_rejections",
  "suppressions",
  "data_subject_requests",
]);

/**
 * The safety net for tables other features add (raw payloads, send logs, …): every text column
 * has the person's identifiers replaced by "[redacted]"; every JSON value containing one is
 * replaced by {"redacted": true}.
 */
async function sweepEverything(tx: Tx, patterns: string[]) {
  const columns = await tx.$queryRaw<{ table: string; column: string; type: string }[]>`
    SELECT c.table_name AS "table", c.column_name AS "column", c.data_type AS type FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = current_schema() AND c.data_type IN ('text', 'character varying', 'json', 'jsonb')`;
  for (const { table, column, type } of columns) {
    if (skip.has(table) || !/^[a-z_][a-z0-9_]*$/.test(table) || !/^[a-z_][a-z0-9_]*$/.test(column)) continue;
    const t = Prisma.raw(`"${table}"`);
    const col = Prisma.raw(`"${column}"`);
    if (type === "json" || type === "jsonb") {
      await tx.$executeRaw`UPDATE ${t} SET ${col} = ${Prisma.raw(`'{"redacted":true}'::${type}`)} WHERE ${col}::text ~* ANY(${patterns})`;
      continue;
    }
    const replacement = "\\1[redacted]\\2";
    let value = Prisma.sql`${col}`;
    for (const p of patterns) value = Prisma.sql`regexp_replace(${value}, ${p}, ${replacement}, 'gi')`;
    await tx.$executeRaw`UPDATE ${t} SET ${col} = ${value} WHERE ${col} ~* ANY(${patterns})`;
  }
}
