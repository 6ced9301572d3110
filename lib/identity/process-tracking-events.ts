import { systemActor } from "../audit/write-audit-log";
import { db, type Prisma } from "../db";
import { CONSENT_EVENTS, recordTrackedConsent, type TrackedConsentCall } from "../consent/record-tracked-consent";
import { MERGED_CHANGE } from "../segments/change-kinds";
import { onCustomersChanged } from "../segments/on-customers-changed";
import { getSettings } from "../settings/get-settings";
import { applyTraits } from "./apply-traits";
import { claimAndProcessKnownCalls, recordKeyUsage, type KeyUsage } from "./claim-and-process-known-calls";
import { createNewProfiles } from "./create-new-profiles";
import { getIdentitySettings } from "./get-identity-settings";
import { identifierKey, type Identifier } from "./identifier";
import { identifiersOfCall } from "./identifiers-of-call";
import { resolveProfile } from "./resolve-profile";
import { eventProperties, eventType } from "./timeline-event-of-call";
import { flagIdentifier } from "./flag-identifier";
import { checkPublicCall, verifiedIdentifiers } from "./verify-identity";

interface InboxRow {
  id: bigint;
  messageId: string;
  type: string;
  userId: string | null;
  anonymousId: string | null;
  payload: Record<string, unknown>;
  occurredAt: Date;
  apiKeyId: string;
  receivedAt: Date;
  source: string;
  /** The kind of API key the call came with: a public key's calls must prove known identifiers. */
  keyKind: "public" | "secret";
}

/** What a batch changed, by kind ("event:<type>", "attributes", "merged"): the customers to re-evaluate. */
type Changes = Map<string, Set<number>>;

function addChange(changes: Changes, kind: string, customerId: number): void {
  const ids = changes.get(kind) ?? changes.set(kind, new Set()).get(kind)!;
  ids.add(customerId);
}

/** Calls per API key, with the latest received. */
function keyUsageOf(rows: InboxRow[]): KeyUsage[] {
  const usage = new Map<string, KeyUsage>();
  for (const r of rows) {
    const u = usage.get(r.apiKeyId);
    const at = r.receivedAt.toISOString();
    if (!u) usage.set(r.apiKeyId, { apiKeyId: r.apiKeyId, events: 1, lastReceivedAt: at });
    else {
      u.events++;
      if (at > u.lastReceivedAt) u.lastReceivedAt = at;
    }
  }
  return [...usage.values()];
}

/** A merge folded `mergedIds` into `survivorId`: changes recorded for them now belong to the survivor. */
function remapChanges(changes: Changes, mergedIds: number[], survivorId: number): void {
  for (const ids of changes.values()) {
    for (const id of mergedIds) if (ids.delete(id)) ids.add(survivorId);
  }
}

interface Lane {
  index: number;
  count: number;
}

/** The set-based part of a batch (calls of known people); returns what it claimed and left waiting. */
async function processKnownCalls(
  tx: Prisma.TransactionClient,
  limit: number,
  lane: Lane,
  changes: Changes,
): Promise<{ claimed: number; slowIds: bigint[] }> {
  const fast = await claimAndProcessKnownCalls({ tx, limit, lane });
  for (const { type, customerIds } of fast.changed) for (const id of customerIds) addChange(changes, `event:${type}`, id);
  await recordKeyUsage({ tx, usage: fast.usage });
  return fast;
}

/** Calls identity resolution must decide: new people, merges, flags, traits, consent (one by one where needed). */
async function processSlowCalls(
  tx: Prisma.TransactionClient,
  slowIds: bigint[],
  changes: Changes,
  consentCalls: TrackedConsentCall[],
): Promise<void> {
  // Identity resolution (new people, merges, flags) runs in one transaction at a time across every
  // worker: two never create or merge profiles for the same identifiers concurrently. It takes that
  // lock before any row lock, and skips calls another batch holds, so it never waits in a cycle with a
  // set-based batch. A merge locks both customer rows first: a concurrent batch writing onto the merged
  // profile waits for it and is then refused by the foreign key and retried.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IDENTITY_RESOLUTION_LOCK})`;
  const rows = await tx.$queryRaw<InboxRow[]>`
    WITH waiting AS (
      SELECT id FROM tracking_events WHERE id = ANY(${slowIds.map(String)}::bigint[]) AND processed_at IS NULL FOR UPDATE SKIP LOCKED
    )
    UPDATE tracking_events t SET processed_at = now() WHERE t.id = ANY(ARRAY(SELECT id FROM waiting))
    RETURNING t.id, t.message_id AS "messageId", t.type, t.user_id AS "userId", t.anonymous_id AS "anonymousId", t.payload,
      t.occurred_at AS "occurredAt", t.api_key_id AS "apiKeyId", t.received_at AS "receivedAt",
      coalesce((SELECT k.source FROM api_keys k WHERE k.id = t.api_key_id), 'api') AS source,
      coalesce((SELECT k.kind::text FROM api_keys k WHERE k.id = t.api_key_id), 'public') AS "keyKind"`;
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (!rows.length) return;
  await recordKeyUsage({ tx, usage: keyUsageOf(rows) });
  const [settings, identitySettings] = await Promise.all([getSettings({ tx }), getIdentitySettings()]);
  const actor = systemActor("worker");

  const calls = rows.map((row) => {
    const { identifiers, traits } = identifiersOfCall({ ...row, defaultRegion: settings.defaultPhoneRegion });
    // alias: previousId is whichever the sender used before — an external id or an anonymous id.
    if (row.type === "alias" && typeof row.payload.previousId === "string") {
      const previous = String(row.payload.previousId);
      identifiers.push({ type: "external_id", source: row.source, value: previous }, { type: "anonymous_id", source: "", value: previous });
    }
    return { row, identifiers, traits, unverified: false, unproved: [] as Identifier[], verified: row.keyKind === "secret" };
  });

  // Fast path: identifiers every call carries, looked up in one query.
  const all = new Map<string, Identifier>();
  for (const c of calls) for (const i of c.identifiers) all.set(identifierKey(i), i);
  const list = [...all.values()];
  const known = await tx.$queryRaw<{ key: string; customerId: number }[]>`
    SELECT t.type || chr(31) || t.source || chr(31) || t.value AS key, i.customer_id AS "customerId"
    FROM unnest(${list.map((i) => i.type)}::text[], ${list.map((i) => i.source)}::text[], ${list.map((i) => i.value)}::text[]) AS t(type, source, value)
    JOIN identities i ON i.type = t.type::"IdentityType" AND i.source = t.source AND i.value = t.value`;
  const owner = new Map(known.map((k) => [k.key, k.customerId]));
  // A public key is in every web page: its calls never take over a known profile by themselves. One
  // that names a known profile's identifier without proving it keeps only its anonymous id.
  for (const c of calls) {
    if (c.row.keyKind !== "public") continue;
    const verified = verifiedIdentifiers({ identifiers: c.identifiers, payload: c.row.payload });
    const check = checkPublicCall({ type: c.row.type, identifiers: c.identifiers, verified, owner });
    c.verified = check.verified && check.allowed;
    if (!check.allowed) {
      c.unverified = true;
      c.unproved = check.unproved;
      c.identifiers = c.identifiers.filter((i) => i.type === "anonymous_id");
    }
  }
  // New people in bulk; what is left (partly known identifiers, merges, flags) goes one by one.
  await createNewProfiles({ tx, calls: calls.filter((c) => c.row.type !== "alias"), owner, blocklist: identitySettings.blocklist });

  const customerOf: (number | null)[] = [];
  const errors: (string | null)[] = [];
  const resolvedSlowly = new Set<number>();
  for (const c of calls) {
    const unproved = c.unproved;
    if (c.unverified && !c.identifiers.length) {
      customerOf.push(null);
      errors.push(
        "Unverified identify: a public-key call named a known profile's identifier without identity verification and has no anonymousId, so it was attached to no profile.",
      );
      continue;
    }
    const keys = c.identifiers.map(identifierKey);
    const owners = new Set(keys.map((k) => owner.get(k)));
    const simple = c.row.type !== "alias" && keys.length > 0 && owners.size === 1 && !owners.has(undefined);
    if (simple) {
      customerOf.push([...owners][0]!);
      errors.push(null);
      await flagUnverified(tx, c.row, unproved, [...owners][0]!, owner);
      continue;
    }
    if (c.row.type === "alias" && !c.unverified) {
      // Only the previousId form that exists is used; if neither does, it was an anonymous id.
      const previous = c.identifiers.slice(-2);
      const existing = previous.filter((i) => owner.has(identifierKey(i)));
      c.identifiers = [...c.identifiers.slice(0, -2), ...(existing.length ? existing : [previous[1]!])];
    }
    try {
      const resolution = await resolveProfile({ tx, identifiers: c.identifiers, settings: identitySettings, actor });
      for (const [k, v] of owner) if (resolution.mergedIds.includes(v)) owner.set(k, resolution.customerId);
      for (let j = 0; j < customerOf.length; j++)
        if (customerOf[j] != null && resolution.mergedIds.includes(customerOf[j]!)) customerOf[j] = resolution.customerId;
      const attached = await tx.identity.findMany({
        where: { customerId: resolution.customerId },
        select: { type: true, source: true, value: true },
      });
      for (const i of attached) owner.set(identifierKey(i), resolution.customerId);
      // A merge moved events, orders and consent onto the survivor, and the merged profile's
      // features and memberships went with its row: the survivor is recomputed in full.
      if (resolution.mergedIds.length) {
        remapChanges(changes, resolution.mergedIds, resolution.customerId);
        addChange(changes, MERGED_CHANGE, resolution.customerId);
      }
      resolvedSlowly.add(customerOf.length);
      customerOf.push(resolution.customerId);
      errors.push(null);
      await flagUnverified(tx, c.row, unproved, resolution.customerId, owner);
      if (c.row.type === "identify" && !c.unverified) {
        const email = c.identifiers.find((i) => i.type === "email")?.value ?? null;
        const phone = c.identifiers.find((i) => i.type === "phone")?.value ?? null;
        await applyTraits({
          tx,
          customerId: resolution.customerId,
          traits: c.traits,
          email: attached.some((i) => i.value === email) ? email : null,
          phone: attached.some((i) => i.value === phone) ? phone : null,
        });
      }
    } catch (e) {
      customerOf.push(null);
      errors.push(e instanceof Error ? e.message : String(e));
    }
  }
  // Identify calls on the fast path still carry traits.
  for (let j = 0; j < calls.length; j++) {
    const c = calls[j]!;
    if (
      c.row.type === "identify" &&
      !c.unverified &&
      !resolvedSlowly.has(j) &&
      customerOf[j] != null &&
      errors[j] === null &&
      Object.keys(c.traits).length
    ) {
      const email = c.identifiers.find((i) => i.type === "email")?.value ?? null;
      const phone = c.identifiers.find((i) => i.type === "phone")?.value ?? null;
      await applyTraits({
        tx,
        customerId: customerOf[j]!,
        traits: c.traits,
        email: owner.get(identifierKey({ type: "email", source: "", value: email ?? "" })) === customerOf[j] ? email : null,
        phone: owner.get(identifierKey({ type: "phone", source: "", value: phone ?? "" })) === customerOf[j] ? phone : null,
      });
    }
  }

  const ok = calls
    .map((c, j) => ({ c, customerId: customerOf[j] }))
    .filter((x): x is { c: (typeof calls)[number]; customerId: number } => x.customerId != null);
  if (ok.length) {
    await tx.$executeRaw`
      INSERT INTO events (customer_id, type, occurred_at, properties, source, message_id)
      SELECT * FROM unnest(${ok.map((x) => x.customerId)}::int[], ${ok.map((x) => eventType(x.c.row))}::text[],
        ${ok.map((x) => x.c.row.occurredAt.toISOString())}::timestamptz[], ${ok.map((x) => JSON.stringify(eventProperties(x.c.row)))}::jsonb[],
        ${ok.map((x) => `tracking:${x.c.row.source}`)}::text[], ${ok.map((x) => x.c.row.messageId)}::text[])
      ON CONFLICT (message_id) DO NOTHING`;
    // The latest context.timezone a call carried becomes the profile's time zone (local-hour campaign sends).
    const zone = (x: (typeof ok)[number]) => {
      const context = x.c.row.payload.context;
      const tz = typeof context === "object" && context ? (context as Record<string, unknown>).timezone : undefined;
      return typeof tz === "string" && tz.trim() ? tz.trim().slice(0, 64) : null;
    };
    await tx.$executeRaw`
      UPDATE customers c SET first_seen_at = least(c.first_seen_at, t.first), last_seen_at = greatest(c.last_seen_at, t.last),
        attributes = CASE WHEN t.zone IS NOT NULL AND c.attributes ->> 'timezone' IS DISTINCT FROM t.zone
          THEN c.attributes || jsonb_build_object('timezone', t.zone) ELSE c.attributes END,
        updated_at = now()
      FROM (SELECT id, min(at) AS first, max(at) AS last, (array_agg(zone ORDER BY at DESC) FILTER (WHERE zone IS NOT NULL))[1] AS zone
            FROM unnest(${ok.map((x) => x.customerId)}::int[], ${ok.map((x) => x.c.row.occurredAt.toISOString())}::timestamptz[],
              ${ok.map(zone)}::text[]) AS u(id, at, zone) GROUP BY id) t
      WHERE c.id = t.id
        -- "Last seen" to the minute: a burst of calls does not rewrite the row (and its indexes) each time.
        AND (c.last_seen_at IS NULL OR c.first_seen_at IS NULL OR t.last > c.last_seen_at + interval '1 minute' OR t.first < c.first_seen_at
          OR (t.zone IS NOT NULL AND c.attributes ->> 'timezone' IS DISTINCT FROM t.zone))`;
  }
  for (const { c, customerId } of ok) {
    if (c.row.type === "track" && CONSENT_EVENTS.has(String(c.row.payload.event))) {
      if (c.verified) consentCalls.push({ customerId, occurredAt: c.row.occurredAt, messageId: c.row.messageId, payload: c.row.payload });
      else await flagIgnoredConsent(tx, c.row, c.identifiers, customerId);
    }
    for (const kind of [`event:${eventType(c.row)}`, ...(c.row.type === "identify" || c.row.type === "alias" ? ["attributes"] : [])])
      addChange(changes, kind, customerId);
  }
  const failed = rows.map((r, j) => ({ id: r.id.toString(), error: errors[j] })).filter((f) => f.error !== null);
  if (failed.length) {
    await tx.$executeRaw`
      UPDATE tracking_events t SET error = u.error FROM unnest(${failed.map((f) => f.id)}::bigint[], ${failed.map((f) => f.error)}::text[]) AS u(id, error) WHERE t.id = u.id`;
  }
}

/**
 * A public-key call named identifiers of known profiles without proving them: its events stay on the
 * profile of its anonymous id (`customerId`), nothing is merged, and both profiles show the flag.
 */
async function flagUnverified(
  tx: Prisma.TransactionClient,
  row: InboxRow,
  unproved: Identifier[],
  customerId: number,
  owner: Map<string, number>,
): Promise<void> {
  for (const identifier of unproved) {
    const claimed = owner.get(identifierKey(identifier));
    await flagIdentifier({
      tx,
      kind: "unverified_identify",
      identifier,
      customerIds: [...new Set([customerId, ...(claimed === undefined ? [] : [claimed])])],
      detail: `Unverified identify: a ${row.type} call with a public key (message ${row.messageId}) named this ${identifier.type.replace("_", " ")} of a known profile without identity verification; its events stay on profile #${customerId} and nothing was merged.`,
    });
  }
}

/** A consent call with a public key and no verified identity: stored as an event, ignored for consent, the reason on the profile. */
async function flagIgnoredConsent(
  tx: Prisma.TransactionClient,
  row: InboxRow,
  identifiers: Identifier[],
  customerId: number,
): Promise<void> {
  const identifier = identifiers.find((i) => i.type === "anonymous_id") ?? identifiers[0];
  if (!identifier) return;
  await flagIdentifier({
    tx,
    kind: "ignored_consent",
    identifier,
    customerIds: [customerId],
    detail: `Consent ignored: the consent call ${row.messageId} came with a public key and no identity verification (userHash), so it is kept as an event only. Send consent from your server with a secret key, or with a verified identity.`,
  });
}

/** The advisory lock held by the one transaction resolving identities (an arbitrary constant). */
const IDENTITY_RESOLUTION_LOCK = 740_104;

/** Deadlocks (two batches locking the same rows in another order) and a batch refused because a
 * concurrent merge removed its profile: the batch rolled back whole, so it is simply run again. */
function isRetryable(e: unknown): boolean {
  const text = e instanceof Error ? `${e.message} ${String((e as { code?: unknown }).code ?? "")}` : String(e);
  // 25P02: a statement failed inside a call caught one by one (a deadlock there), and the transaction
  // refused the rest: the whole batch runs again.
  return /40P01|40001|25P02|deadlock|23503|foreign key|P2034|current transaction is aborted/i.test(text);
}

/** One transaction, run again (up to 5 times) when it rolled back for a reason that passes. */
async function inTransaction<T>(work: (tx: Prisma.TransactionClient) => Promise<T>, reset: () => void): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    reset();
    try {
      return await db.$transaction(work, { timeout: 120_000, maxWait: 10_000 });
    } catch (e) {
      if (attempt >= 5 || !isRetryable(e)) throw e;
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50));
    }
  }
}

async function runBatch(batchSize: number, lane: Lane): Promise<number> {
  const changes: Changes = new Map();
  const consentCalls: TrackedConsentCall[] = [];
  const fastChanges: Changes = new Map();
  // Two transactions: calls of known people, then (if any call needs it) identity resolution, which
  // also re-points the first one's changes at the survivors of its merges.
  const { claimed, slowIds } = await inTransaction(
    (tx) => processKnownCalls(tx, batchSize, lane, fastChanges),
    () => fastChanges.clear(),
  );
  const startFromFast = () => {
    changes.clear();
    for (const [kind, ids] of fastChanges) changes.set(kind, new Set(ids));
    consentCalls.length = 0;
  };
  if (slowIds.length) await inTransaction((tx) => processSlowCalls(tx, slowIds, changes, consentCalls), startFromFast);
  else startFromFast();
  const n = claimed;
  // Consent stated by the calls (Segment's consent event), each record with its proof.
  if (consentCalls.length) {
    await recordTrackedConsent(consentCalls);
    for (const c of consentCalls) addChange(changes, "consent", c.customerId);
  }
  // Committed: the segments these changes can affect re-evaluate those customers (features first).
  try {
    for (const [kind, ids] of changes) await onCustomersChanged({ customerIds: [...ids], kinds: [kind] });
  } catch (e) {
    console.error(
      `Segments were not updated after tracking calls: ${e instanceof Error ? e.message : String(e)} (a segment rebuild catches up)`,
    );
  }
  return n;
}

/**
 * Folds accepted tracking calls into profiles, in batches, until none is waiting: resolves each
 * call's identifiers to one profile (merging where they meet), applies identify traits, and writes
 * the calls onto the profile timeline (events), then has the segments they can affect re-evaluate
 * those customers. Each batch is one transaction; calls claimed with SKIP LOCKED, so a second
 * worker or a crash never processes a call twice or loses one. `lanes` batches run at once (two:
 * one Postgres backend per core while a backlog drains), each on the calls of its share of people;
 * identity resolution itself stays one at a time.
 */
export async function processTrackingEvents(
  options: { batchSize?: number; maxBatches?: number; lanes?: number } = {},
): Promise<{ processed: number }> {
  const batchSize = options.batchSize ?? 20_000;
  let processed = 0;
  let batches = 0;
  // A lane stops once it finds less than a full batch: nothing more was waiting unclaimed.
  const count = Math.max(1, options.lanes ?? 2);
  const lane = async (_: unknown, index: number) => {
    while (batches < (options.maxBatches ?? Infinity)) {
      batches++;
      const n = await runBatch(batchSize, { index, count });
      processed += n;
      if (n < batchSize) return;
    }
  };
  await Promise.all(Array.from({ length: count }, lane));
  return { processed };
}
