import { systemActor } from "../audit/write-audit-log";
import { db, type Prisma } from "../db";
import { postgresErrorCode } from "../postgres-error-code";
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
  for (const id of fast.zoneChanged) addChange(changes, "attributes", id);
  await recordKeyUsage({ tx, usage: fast.usage });
  return fast;
}

/** One tracking call on its way through identity resolution: what it says, and what became of it. */
interface Call {
  row: InboxRow;
  identifiers: Identifier[];
  traits: Record<string, unknown>;
  /** A public-key call that named a known profile's identifier without proving it. */
  unverified: boolean;
  /** The identifiers it named but could not prove (flagged on both profiles). */
  unproved: Identifier[];
  /** It may change consent: a secret key, or a verified identity. */
  verified: boolean;
  /** The profile it landed on, once resolved; null until then, or when it failed. */
  customerId: number | null;
  /** Why it could not be folded into a profile (stored on the call). */
  error: string | null;
}

/**
 * Calls identity resolution must decide (new people, merges, flags), as a pipeline over one record
 * per call: claim → resolve → apply traits → write the timeline → record failures.
 */
async function processSlowCalls(
  tx: Prisma.TransactionClient,
  slowIds: bigint[],
  changes: Changes,
  consentCalls: TrackedConsentCall[],
): Promise<void> {
  const rows = await claimSlowCalls(tx, slowIds);
  if (!rows.length) return;
  await recordKeyUsage({ tx, usage: keyUsageOf(rows) });
  const [settings, identitySettings] = await Promise.all([getSettings({ tx }), getIdentitySettings()]);
  const calls = rows.map((row) => toCall(row, settings.defaultPhoneRegion));
  const owner = await ownersOf(tx, calls);
  restrictPublicCalls(calls, owner);
  // New people in bulk; what is left (partly known identifiers, merges, flags) goes one by one.
  await createNewProfiles({ tx, calls: calls.filter((c) => c.row.type !== "alias"), owner, blocklist: identitySettings.blocklist });
  await resolveCalls(tx, calls, owner, changes, identitySettings);
  await applyIdentifyTraits(tx, calls, owner);
  await writeTimeline(tx, calls, changes, consentCalls);
  await recordFailures(tx, calls);
}

/**
 * Claims the calls that wait for identity resolution. Identity resolution (new people, merges,
 * flags) runs in one transaction at a time across every worker: two never create or merge profiles
 * for the same identifiers concurrently. It takes that lock before any row lock, and skips calls
 * another batch holds, so it never waits in a cycle with a set-based batch. A merge locks both
 * customer rows first: a concurrent batch writing onto the merged profile waits for it and is then
 * refused by the foreign key and retried.
 */
async function claimSlowCalls(tx: Prisma.TransactionClient, slowIds: bigint[]): Promise<InboxRow[]> {
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
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function toCall(row: InboxRow, defaultRegion: string): Call {
  const { identifiers, traits } = identifiersOfCall({ ...row, defaultRegion });
  // alias: previousId is whichever the sender used before — an external id or an anonymous id.
  if (row.type === "alias" && typeof row.payload.previousId === "string") {
    const previous = String(row.payload.previousId);
    identifiers.push({ type: "external_id", source: row.source, value: previous }, { type: "anonymous_id", source: "", value: previous });
  }
  return { row, identifiers, traits, unverified: false, unproved: [], verified: row.keyKind === "secret", customerId: null, error: null };
}

/** The profile owning each identifier the calls carry (by identifier key), looked up in one query. */
async function ownersOf(tx: Prisma.TransactionClient, calls: Call[]): Promise<Map<string, number>> {
  const all = new Map<string, Identifier>();
  for (const c of calls) for (const i of c.identifiers) all.set(identifierKey(i), i);
  const list = [...all.values()];
  const known = await tx.$queryRaw<{ key: string; customerId: number }[]>`
    SELECT t.type || chr(31) || t.source || chr(31) || t.value AS key, i.customer_id AS "customerId"
    FROM unnest(${list.map((i) => i.type)}::text[], ${list.map((i) => i.source)}::text[], ${list.map((i) => i.value)}::text[]) AS t(type, source, value)
    JOIN identities i ON i.type = t.type::"IdentityType" AND i.source = t.source AND i.value = t.value`;
  return new Map(known.map((k) => [k.key, k.customerId]));
}

/**
 * A public key is in every web page: its calls never take over a known profile by themselves. One
 * that names a known profile's identifier without proving it keeps only its anonymous id.
 */
function restrictPublicCalls(calls: Call[], owner: Map<string, number>): void {
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
}

/** Each call's profile: the one owner of all its identifiers, or identity resolution (creating, merging). */
async function resolveCalls(
  tx: Prisma.TransactionClient,
  calls: Call[],
  owner: Map<string, number>,
  changes: Changes,
  identitySettings: Awaited<ReturnType<typeof getIdentitySettings>>,
): Promise<void> {
  const actor = systemActor("worker");
  for (const c of calls) {
    if (c.unverified && !c.identifiers.length) {
      c.error =
        "Unverified identify: a public-key call named a known profile's identifier without identity verification and has no anonymousId, so it was attached to no profile.";
      continue;
    }
    const owners = new Set(c.identifiers.map((i) => owner.get(identifierKey(i))));
    if (c.row.type !== "alias" && c.identifiers.length > 0 && owners.size === 1 && !owners.has(undefined)) {
      c.customerId = [...owners][0]!;
      await flagUnverified(tx, c, owner);
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
      const merged = new Set(resolution.mergedIds);
      for (const [k, v] of owner) if (merged.has(v)) owner.set(k, resolution.customerId);
      for (const other of calls) if (other.customerId !== null && merged.has(other.customerId)) other.customerId = resolution.customerId;
      const attached = await tx.identity.findMany({
        where: { customerId: resolution.customerId },
        select: { type: true, source: true, value: true },
      });
      for (const i of attached) owner.set(identifierKey(i), resolution.customerId);
      // A merge moved events, orders and consent onto the survivor, and the merged profile's
      // features and memberships went with its row: the survivor is recomputed in full.
      if (merged.size) {
        remapChanges(changes, resolution.mergedIds, resolution.customerId);
        addChange(changes, MERGED_CHANGE, resolution.customerId);
      }
      c.customerId = resolution.customerId;
      await flagUnverified(tx, c, owner);
    } catch (e) {
      c.error = e instanceof Error ? e.message : String(e);
    }
  }
}

/** Identify calls set the profile's traits (and email/phone only where that identifier is the profile's own), in call order. */
async function applyIdentifyTraits(tx: Prisma.TransactionClient, calls: Call[], owner: Map<string, number>): Promise<void> {
  for (const c of calls) {
    if (c.row.type !== "identify" || c.unverified || c.customerId === null || !Object.keys(c.traits).length) continue;
    const own = (type: "email" | "phone") => {
      const value = c.identifiers.find((i) => i.type === type)?.value ?? null;
      return value !== null && owner.get(identifierKey({ type, source: "", value })) === c.customerId ? value : null;
    };
    await applyTraits({ tx, customerId: c.customerId, traits: c.traits, email: own("email"), phone: own("phone") });
  }
}

/** The calls become timeline events on their profiles; consent calls are recorded (or ignored, flagged); segments learn what changed. */
async function writeTimeline(
  tx: Prisma.TransactionClient,
  calls: Call[],
  changes: Changes,
  consentCalls: TrackedConsentCall[],
): Promise<void> {
  const ok = calls.filter((c): c is Call & { customerId: number } => c.customerId !== null);
  if (!ok.length) return;
  await tx.$executeRaw`
    INSERT INTO events (customer_id, type, occurred_at, properties, source, api_key_id, message_id)
    SELECT * FROM unnest(${ok.map((c) => c.customerId)}::int[], ${ok.map((c) => eventType(c.row))}::text[],
      ${ok.map((c) => c.row.occurredAt.toISOString())}::timestamptz[], ${ok.map((c) => JSON.stringify(eventProperties(c.row)))}::jsonb[],
      ${ok.map((c) => `tracking:${c.row.source}`)}::text[], ${ok.map((c) => c.row.apiKeyId)}::text[], ${ok.map((c) => c.row.messageId)}::text[])
    ON CONFLICT (api_key_id, message_id) DO NOTHING`;
  // The latest context.timezone a call carried becomes the profile's time zone (local-hour campaign sends).
  const zone = (c: Call) => {
    const context = c.row.payload.context;
    const tz = typeof context === "object" && context ? (context as Record<string, unknown>).timezone : undefined;
    return typeof tz === "string" && tz.trim() ? tz.trim().slice(0, 64) : null;
  };
  const seen = await tx.$queryRaw<{ id: number; zoned: boolean }[]>`
    UPDATE customers c SET first_seen_at = least(c.first_seen_at, t.first), last_seen_at = greatest(c.last_seen_at, t.last),
      attributes = CASE WHEN t.zone IS NOT NULL AND c.attributes ->> 'timezone' IS DISTINCT FROM t.zone
        THEN c.attributes || jsonb_build_object('timezone', t.zone) ELSE c.attributes END,
      updated_at = now()
    FROM (SELECT id, min(at) AS first, max(at) AS last, (array_agg(zone ORDER BY at DESC) FILTER (WHERE zone IS NOT NULL))[1] AS zone,
            (SELECT o.attributes ->> 'timezone' FROM customers o WHERE o.id = u.id) AS old_zone
          FROM unnest(${ok.map((c) => c.customerId)}::int[], ${ok.map((c) => c.row.occurredAt.toISOString())}::timestamptz[],
            ${ok.map(zone)}::text[]) AS u(id, at, zone) GROUP BY id) t
    WHERE c.id = t.id
      -- "Last seen" to the minute: a burst of calls does not rewrite the row (and its indexes) each time.
      AND (c.last_seen_at IS NULL OR c.first_seen_at IS NULL OR t.last > c.last_seen_at + interval '1 minute' OR t.first < c.first_seen_at
        OR (t.zone IS NOT NULL AND c.attributes ->> 'timezone' IS DISTINCT FROM t.zone))
    RETURNING c.id, t.zone IS NOT NULL AND t.old_zone IS DISTINCT FROM t.zone AS zoned`;
  // A zone the calls changed is a changed attribute: segments on attributes.timezone re-evaluate the person.
  for (const s of seen) if (s.zoned) addChange(changes, "attributes", s.id);
  for (const c of ok) {
    if (c.row.type === "track" && CONSENT_EVENTS.has(String(c.row.payload.event))) {
      if (c.verified)
        consentCalls.push({ customerId: c.customerId, occurredAt: c.row.occurredAt, messageId: c.row.messageId, payload: c.row.payload });
      else await flagIgnoredConsent(tx, c.row, c.identifiers, c.customerId);
    }
    for (const kind of [`event:${eventType(c.row)}`, ...(c.row.type === "identify" || c.row.type === "alias" ? ["attributes"] : [])])
      addChange(changes, kind, c.customerId);
  }
}

/** Calls that could not be folded keep their reason, for the tracking page and a retry. */
async function recordFailures(tx: Prisma.TransactionClient, calls: Call[]): Promise<void> {
  const failed = calls.filter((c) => c.error !== null);
  if (!failed.length) return;
  await tx.$executeRaw`
    UPDATE tracking_events t SET error = u.error
    FROM unnest(${failed.map((c) => c.row.id.toString())}::bigint[], ${failed.map((c) => c.error)}::text[]) AS u(id, error) WHERE t.id = u.id`;
}

/**
 * A public-key call named identifiers of known profiles without proving them: its events stay on the
 * profile of its anonymous id (`customerId`), nothing is merged, and both profiles show the flag.
 */
async function flagUnverified(tx: Prisma.TransactionClient, call: Call, owner: Map<string, number>): Promise<void> {
  const { row, customerId } = call;
  if (customerId === null) return;
  for (const identifier of call.unproved) {
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

/**
 * SQLSTATEs after which a batch, rolled back whole, is simply run again: a deadlock or serialization
 * failure (two batches locking the same rows in another order), a foreign key refused because a
 * concurrent merge removed the profile, and 25P02, a statement that failed inside a call caught
 * one by one (a deadlock there) after which the transaction refused the rest.
 */
const RETRYABLE_CODES = new Set(["40P01", "40001", "23503", "25P02"]);

function isRetryable(e: unknown): boolean {
  const code = postgresErrorCode(e);
  return code !== null && RETRYABLE_CODES.has(code);
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

async function runBatch(batchSize: number, lane: Lane): Promise<{ claimed: number; segmentRefreshError: string | null }> {
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
  // Consent stated by the calls (Segment's consent event), each record with its proof.
  if (consentCalls.length) {
    await recordTrackedConsent(consentCalls);
    for (const c of consentCalls) addChange(changes, "consent", c.customerId);
  }
  // Committed: the segments these changes can affect re-evaluate those customers (features first).
  try {
    for (const [kind, ids] of changes) await onCustomersChanged({ customerIds: [...ids], kinds: [kind] });
  } catch (e) {
    return {
      claimed,
      segmentRefreshError: `Segments were not updated after tracking calls: ${e instanceof Error ? e.message : String(e)} (a segment rebuild catches up)`,
    };
  }
  return { claimed, segmentRefreshError: null };
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
): Promise<{ processed: number; segmentRefreshErrors: string[] }> {
  const batchSize = options.batchSize ?? 20_000;
  let processed = 0;
  const segmentRefreshErrors: string[] = [];
  let batches = 0;
  // A lane stops once it finds less than a full batch: nothing more was waiting unclaimed.
  const count = Math.max(1, options.lanes ?? 2);
  const lane = async (_: unknown, index: number) => {
    while (batches < (options.maxBatches ?? Infinity)) {
      batches++;
      const { claimed: n, segmentRefreshError } = await runBatch(batchSize, { index, count });
      processed += n;
      if (segmentRefreshError) segmentRefreshErrors.push(segmentRefreshError);
      if (n < batchSize) return;
    }
  };
  await Promise.all(Array.from({ length: count }, lane));
  return { processed, segmentRefreshErrors };
}
