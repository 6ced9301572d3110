import { Readable } from "node:stream";
import pg from "pg";
import type { Transporter } from "nodemailer";
import { systemActor } from "../audit/write-audit-log";
import { addSuppression } from "../consent/add-suppression";
import { env } from "../env";
import { pooledTransport } from "../sending/smtp-transport";
import { takeSendTokens, type RateLimits } from "./rate-limiter";

/** One rendered message of a chunk, ready for SMTP. */
export interface Outgoing {
  campaignId: string;
  chunk: number;
  customerId: number;
  email: string;
  envelopeFrom: string;
  messageId: string;
  raw: Buffer;
  /** The chunk lease the claim must still hold. */
  leaseOwner: string;
}

export type Outcome =
  | { kind: "sent" }
  | { kind: "failed"; error: string; hardBounce: boolean }
  | { kind: "retry"; error: string }
  /** The row could not be claimed: campaign paused or cancelled, lease lost, or already final. */
  | { kind: "not-claimed" };

interface Entry {
  message: Outgoing;
  resolve: (o: Outcome) => void;
  outcome?: Outcome;
  /** The message's data may end (its final dot may go to the server): counted in `armed` until its outcome is committed. */
  armed?: boolean;
  body?: HeldBody;
}

export interface AccountSettings extends RateLimits {
  poolSize: number;
}

/** Ledger statements one process may have running at once (one records and claims while the other commits). */
const STATEMENTS = 2;

/**
 * How long a finished outcome may wait for the replies still due from the server before it is
 * recorded anyway (docs/decisions/144): outcomes are recorded in groups, and a group is normally
 * complete sooner, when no message whose data ended still waits for its reply.
 */
const RECORD_WINDOW_MS = 20;

/**
 * A message's data for nodemailer, held back before its end: the SMTP server can only accept a
 * message once the final "." arrives, so the data flows with the envelope while the end waits for
 * `release()` (docs/decisions/090).
 */
class HeldBody extends Readable {
  private pushed = false;
  constructor(
    private readonly raw: Buffer,
    private readonly onTransmit: () => void,
  ) {
    super();
  }
  override _read(): void {
    if (this.pushed) return;
    this.pushed = true;
    this.push(this.raw);
    this.onTransmit();
  }
  release(): void {
    this.push(null);
  }
}

/**
 * Sends messages of any number of chunk jobs of this process through one SMTP pool, keeping the
 * ledger exact (docs/decisions/090). A message is claimed (`sending`, committed) before nodemailer
 * gets it; claims run ahead of the pool (up to three times its size, or its size under a
 * per-second limit) so that every connection has its next message waiting. The server can accept a
 * message only when its data ends, and a message's data ends only while fewer than `poolSize` ended
 * messages of this process wait for their outcome to be committed: after a crash, at most
 * `poolSize` rows in `sending` can have reached the server. Each ledger statement records every
 * finished outcome (with its frequency-cap row) and claims the next messages; two may run at once.
 */
export class SendDispatcher {
  private pending: Entry[] = [];
  private finished: Entry[] = [];
  /** Waiting for their data to end. */
  private held: Entry[] = [];
  /** Claimed (or being claimed) and not yet committed with an outcome. */
  private handed = 0;
  /** Data ended (or allowed to), outcome not yet committed: at most poolSize. */
  private armed = 0;
  private statements = 0;
  /** Rows being claimed by a running statement. */
  private claiming = 0;
  /** Handed to nodemailer, outcome not yet known. */
  private onTheWire = 0;
  /** Data ended (allowed to), the server's reply not yet in. */
  private replying = 0;
  /** When the oldest outcome not yet in a statement finished (performance.now()). */
  private finishedSince = 0;
  private waitUntil = 0;
  private timer: NodeJS.Timeout | null = null;
  private recordTimer: NodeJS.Timeout | null = null;
  private roomWaiters: { limit: number; resolve: () => void }[] = [];
  private readonly transport: Transporter;
  private readonly depth: number;

  constructor(private readonly account: AccountSettings) {
    this.transport = pooledTransport(account.poolSize);
    // Under a per-second limit, a claimed message is sent within the window its token came from.
    this.depth = account.perSecond ? account.poolSize : account.poolSize * 3;
  }

  /** Resolves once at most `limit` messages wait to be claimed: chunk jobs render only a little ahead of sending. */
  room(limit: number): Promise<void> {
    if (this.pending.length <= limit) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push({ limit, resolve }));
  }

  /** Sends the messages; resolves with each one's outcome once it is committed to the ledger. */
  send(messages: Outgoing[]): Promise<Outcome>[] {
    const promises = messages.map((message) => new Promise<Outcome>((resolve) => this.pending.push({ message, resolve })));
    this.pump();
    return promises;
  }

  /**
   * Starts a ledger statement when outcomes are due to be recorded or claims are due; a second one
   * only while messages wait for their data to end and finished outcomes would let them go.
   * Claims go in groups, once half the claimed messages are gone: a statement that claims commits
   * durably and one that only records outcomes does not (docs/decisions/133), so a statement that
   * lets waiting messages end claims nothing. Outcomes go in groups too (docs/decisions/144): they
   * are due at once while messages wait for their data to end (recording them is what lets those
   * go: waiting there would hold the whole pool in step), otherwise once no message whose data
   * ended still waits for the server's reply (nothing more can finish soon), once the pool size of
   * them wait, or RECORD_WINDOW_MS after the oldest finished.
   */
  private pump(): void {
    while (this.statements < STATEMENTS) {
      // The outcomes recorded by a statement free their places for the rows it claims.
      const room = this.depth - this.handed + this.finished.length;
      const canClaim = this.pending.length > 0 && room > 0 && Date.now() >= this.waitUntil;
      const claimDue = canClaim && this.onTheWire + this.claiming <= Math.floor(this.depth / 2);
      const recordDue =
        this.finished.length > 0 &&
        (this.held.length > 0 ||
          this.replying === 0 ||
          this.finished.length >= this.account.poolSize ||
          performance.now() - this.finishedSince >= RECORD_WINDOW_MS);
      const dotsWait = this.held.length > 0 && recordDue;
      if (!recordDue && !claimDue) break;
      if (this.statements > 0 && !dotsWait) break;
      const results = this.finished.splice(0);
      const claims = claimDue && !dotsWait ? this.pending.splice(0, room) : [];
      this.handed += claims.length;
      this.claiming += claims.length;
      this.wakeRenderers();
      this.statements++;
      void this.statement(results, claims).finally(() => {
        this.statements--;
        this.claiming -= claims.length;
        this.pump();
      });
    }
    if (this.pending.length > 0 && this.waitUntil > Date.now() && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump();
      }, this.waitUntil - Date.now());
    }
    // Outcomes not yet due: a statement when their window ends (a running statement's end calls pump anyway).
    if (this.finished.length > 0 && !this.recordTimer && this.statements < STATEMENTS) {
      this.recordTimer = setTimeout(
        () => {
          this.recordTimer = null;
          this.pump();
        },
        Math.max(0, RECORD_WINDOW_MS - (performance.now() - this.finishedSince)) + 0.5,
      );
    }
  }

  private async statement(results: Entry[], wanted: Entry[]): Promise<void> {
    let claims = wanted;
    if (claims.length > 0) {
      let granted = claims.length;
      try {
        const tokens = await takeSendTokens(this.account, claims.length);
        granted = tokens.granted;
        if (tokens.waitMs > 0) this.waitUntil = Date.now() + tokens.waitMs;
      } catch {
        granted = 0; // Redis away: the limits cannot be checked, so nothing new goes out until it is back.
        this.waitUntil = Date.now() + 500;
      }
      if (granted < claims.length) {
        this.pending.unshift(...claims.slice(granted));
        this.handed -= claims.length - granted;
        claims = claims.slice(0, granted);
      }
    }
    if (results.length === 0 && claims.length === 0) return;
    let claimed: Set<string>;
    try {
      claimed = await writeLedger(results, claims);
    } catch (e) {
      // The database is away: nothing was committed; the same work goes round again in a second.
      if (this.finished.length === 0) this.finishedSince = performance.now();
      this.finished.unshift(...results);
      this.pending.unshift(...claims);
      this.handed -= claims.length;
      console.error(`Send ledger write failed, retrying: ${e instanceof Error ? e.message : String(e)}`);
      this.waitUntil = Date.now() + 1000;
      await new Promise((r) => setTimeout(r, 1000));
      return;
    }
    this.handed -= results.length;
    for (const r of results) if (r.armed) this.armed--;
    this.releaseHeld();
    await suppressHardBounces(results);
    for (const r of results) r.resolve(r.outcome!);
    for (const entry of claims) {
      if (claimed.has(key(entry.message))) this.deliver(entry);
      else {
        this.handed--;
        entry.resolve({ kind: "not-claimed" });
      }
    }
    this.dropUnclaimable(claims, claimed);
  }

  /**
   * A chunk none of whose claimed rows could be claimed is paused, cancelled or has lost its lease:
   * what is left of it is not claimed either, without a round trip for each.
   */
  private dropUnclaimable(claims: Entry[], claimed: Set<string>): void {
    const chunkOf = (m: Outgoing) => `${m.campaignId} ${m.chunk} ${m.leaseOwner}`;
    const chunks = new Set(claims.map((e) => chunkOf(e.message)));
    for (const e of claims) if (claimed.has(key(e.message))) chunks.delete(chunkOf(e.message));
    if (chunks.size === 0) return;
    const keep: Entry[] = [];
    for (const e of this.pending)
      if (chunks.has(chunkOf(e.message))) e.resolve({ kind: "not-claimed" });
      else keep.push(e);
    this.pending = keep;
    this.wakeRenderers();
  }

  private wakeRenderers(): void {
    if (this.roomWaiters.length === 0) return;
    const ready = this.roomWaiters.filter((w) => this.pending.length <= w.limit);
    this.roomWaiters = this.roomWaiters.filter((w) => this.pending.length > w.limit);
    for (const w of ready) w.resolve();
  }

  private releaseHeld(): void {
    while (this.held.length > 0 && this.armed < this.account.poolSize) {
      const entry = this.held.shift()!;
      entry.armed = true;
      this.armed++;
      this.replying++;
      entry.body!.release();
    }
  }

  private deliver(entry: Entry): void {
    const m = entry.message;
    this.onTheWire++;
    entry.body = new HeldBody(m.raw, () => {
      this.held.push(entry);
      this.releaseHeld();
    });
    this.transport
      .sendMail({ envelope: { from: m.envelopeFrom, to: [m.email] }, raw: entry.body })
      .then(
        () => {
          entry.outcome = { kind: "sent" };
        },
        (e: Error & { responseCode?: number; response?: string }) => {
          const code = e.responseCode;
          const error = (e.response ?? e.message).slice(0, 500);
          entry.outcome = code && code >= 500 && code < 600 ? { kind: "failed", error, hardBounce: true } : { kind: "retry", error };
        },
      )
      .finally(() => {
        // Refused before its data ended (e.g. at RCPT TO): it no longer waits for its turn.
        const at = this.held.indexOf(entry);
        if (at >= 0) this.held.splice(at, 1);
        this.onTheWire--;
        if (entry.armed) this.replying--;
        if (this.finished.length === 0) this.finishedSince = performance.now();
        this.finished.push(entry);
        this.pump();
      });
  }
}

const key = (m: { campaignId: string; customerId: number }) => `${m.campaignId} ${m.customerId}`;

let ledgerPools: { url: string; claims: pg.Pool; outcomes: pg.Pool } | undefined;
/** Connections set up for the ledger statement. */
const prepared = new WeakSet<pg.PoolClient>();

/**
 * A connection of the send ledger's own: its statements run for every few messages, and a plain pg
 * round trip costs a fraction of Prisma's (docs/decisions/090). Statements that claim rows commit
 * durably (a row is `sending` on disk before its message can reach the server); statements that
 * only record outcomes commit asynchronously (docs/decisions/133). Two of each, for the two
 * statements a dispatcher runs at once.
 */
async function ledgerClient(claims: boolean): Promise<pg.PoolClient> {
  const url = env().DATABASE_URL;
  if (!ledgerPools || ledgerPools.url !== url) {
    void closeSendLedger();
    const pool = () => {
      const p = new pg.Pool({ connectionString: url, max: STATEMENTS, application_name: "tailor-send-ledger", allowExitOnIdle: true });
      p.on("error", () => undefined);
      return p;
    };
    ledgerPools = { url, claims: pool(), outcomes: pool() };
  }
  const client = await (claims ? ledgerPools.claims : ledgerPools.outcomes).connect();
  if (!prepared.has(client)) {
    try {
      // The statement's plan does not depend on its arrays' contents: PostgreSQL's custom plans
      // (planned anew for each execution) cost more than running it, ~1 CPU-ms a statement.
      await client.query(`SET plan_cache_mode = force_generic_plan; SET synchronous_commit = ${claims ? "on" : "off"}`);
    } catch (e) {
      client.release(true);
      throw e;
    }
    prepared.add(client);
  }
  return client;
}

/**
 * How the ledger statement was planned on this process's idle ledger connections: executions with
 * the generic plan and with a custom one (PostgreSQL's pg_prepared_statements).
 */
export async function ledgerStatementPlans(): Promise<{ generic: number; custom: number }> {
  const clients: pg.PoolClient[] = [];
  try {
    for (const claims of [true, false]) {
      const idle = (claims ? ledgerPools?.claims : ledgerPools?.outcomes)?.idleCount ?? 0;
      for (let i = 0; i < idle; i++) clients.push(await ledgerClient(claims));
    }
    let generic = 0;
    let custom = 0;
    for (const client of clients) {
      const { rows } = await client.query<{ generic: number; custom: number }>(
        "SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE name = ANY($1::text[])",
        [STATEMENT_NAMES],
      );
      for (const row of rows) {
        generic += row.generic;
        custom += row.custom;
      }
    }
    return { generic, custom };
  } finally {
    for (const client of clients) client.release();
  }
}

/** Closes the send ledger's connections (worker shutdown, CLI end, tests). */
export async function closeSendLedger(): Promise<void> {
  const p = ledgerPools;
  ledgerPools = undefined;
  await Promise.all([p?.claims.end(), p?.outcomes.end()]);
}

/** Records outcomes (sent → frequency-cap row): the first four arrays of both ledger statements. */
const RECORD = `
  WITH results AS (
    SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[]) AS r(campaign_id, customer_id, state, error)
  ), recorded AS (
    UPDATE campaign_sends s SET state = r.state::"SendState", error = r.error, updated_at = now(),
      sent_at = CASE WHEN r.state = 'sent' THEN now() ELSE s.sent_at END
    FROM results r WHERE s.campaign_id = r.campaign_id AND s.customer_id = r.customer_id AND s.state = 'sending'
    RETURNING s.campaign_id, s.customer_id, s.state
  ), capped AS (
    INSERT INTO frequency_cap_sends (customer_id, source_type, source_id)
    SELECT rc.customer_id, 'campaign', rc.campaign_id FROM recorded rc JOIN campaigns k ON k.id = rc.campaign_id
    WHERE rc.state = 'sent' AND NOT k.transactional
    ON CONFLICT DO NOTHING
  )`;

/** The ledger's two statements, planned once per connection (ledgerStatementPlans). */
const STATEMENT_NAMES = ["tailor-record-and-claim", "tailor-record"];

const RECORD_ONLY = `${RECORD}
  SELECT count(*)::int AS n FROM recorded`;

const RECORD_AND_CLAIM = `${RECORD}, wanted AS (
    SELECT * FROM unnest($5::text[], $6::int[], $7::int[], $8::text[], $9::text[], $10::text[])
      AS w(campaign_id, customer_id, chunk, message_id, email, owner)
  ), claimed AS (
    UPDATE campaign_sends s SET state = 'sending', attempts = s.attempts + 1, message_id = w.message_id, email = w.email,
      possible_duplicate = s.possible_duplicate OR s.state = 'sending', updated_at = now()
    FROM wanted w
      JOIN campaigns k ON k.id = w.campaign_id
      JOIN campaign_chunks ch ON ch.campaign_id = w.campaign_id AND ch.chunk = w.chunk AND ch.lease_owner = w.owner AND ch.lease_until > now()
    WHERE s.campaign_id = w.campaign_id AND s.customer_id = w.customer_id AND s.chunk = w.chunk
      AND (s.state = 'sending' OR (s.state = 'queued' AND k.status = 'sending'))
    RETURNING s.campaign_id, s.customer_id
  )
  SELECT campaign_id, customer_id FROM claimed`;

/** One statement: record outcomes (sent → frequency-cap row), then claim the next rows under their chunk's lease. */
async function writeLedger(results: Entry[], claims: Entry[]): Promise<Set<string>> {
  const state = (o: Outcome) => (o.kind === "sent" ? "sent" : o.kind === "failed" ? "failed" : "queued");
  const error = (o: Outcome) => (o.kind === "failed" || o.kind === "retry" ? o.error : null);
  const r = results.map((e) => e.message);
  const c = claims.map((e) => e.message);
  const outcomes = [
    r.map((m) => m.campaignId),
    r.map((m) => m.customerId),
    results.map((e) => state(e.outcome!)),
    results.map((e) => error(e.outcome!)),
  ];
  const client = await ledgerClient(claims.length > 0);
  let broken = false;
  try {
    if (claims.length === 0) {
      // Outcomes only: a statement of its own (four arrays to send, not ten), committed asynchronously.
      await client.query({ name: "tailor-record", text: RECORD_ONLY, values: outcomes });
      return new Set();
    }
    const { rows } = await client.query<{ campaign_id: string; customer_id: number }>({
      name: "tailor-record-and-claim",
      text: RECORD_AND_CLAIM,
      values: [
        ...outcomes,
        c.map((m) => m.campaignId),
        c.map((m) => m.customerId),
        c.map((m) => m.chunk),
        c.map((m) => m.messageId),
        c.map((m) => m.email),
        c.map((m) => m.leaseOwner),
      ],
    });
    return new Set(rows.map((row) => `${row.campaign_id} ${row.customer_id}`));
  } catch (e) {
    broken = true;
    throw e;
  } finally {
    // A connection whose statement failed is closed rather than reused.
    client.release(broken);
  }
}

/** SMTP 5xx: the address goes on the suppression list as a hard bounce (idempotent). */
async function suppressHardBounces(results: Entry[]): Promise<void> {
  for (const e of results) {
    if (e.outcome?.kind !== "failed" || !e.outcome.hardBounce) continue;
    try {
      await addSuppression({
        email: e.message.email,
        reason: "hard_bounce",
        source: `campaign:${e.message.campaignId}`,
        note: e.outcome.error,
        actor: systemActor("worker"),
      });
    } catch (err) {
      console.error(`Could not suppress a hard-bounced address: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

const dispatchers = new Map<string, SendDispatcher>();

/** The process's dispatcher for a sending account (one SMTP pool per account and process). */
export function dispatcherFor(account: AccountSettings): SendDispatcher {
  const k = `${account.accountId} ${account.poolSize} ${account.perSecond} ${account.perHour}`;
  let d = dispatchers.get(k);
  if (!d) {
    d = new SendDispatcher(account);
    dispatchers.set(k, d);
  }
  return d;
}
