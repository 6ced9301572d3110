import type { Transporter } from "nodemailer";
import { systemActor } from "../audit/write-audit-log";
import { addSuppression } from "../consent/add-suppression";
import { db } from "../db";
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
  raw: string;
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
}

export interface AccountSettings extends RateLimits {
  poolSize: number;
}

/**
 * Sends messages of any number of chunk jobs of this process through one SMTP pool, keeping the
 * ledger exact (docs/decisions/090): a message is claimed (`sending`, committed) before nodemailer
 * gets it, holds one of the pool's `poolSize` permits until its outcome is committed, and each
 * ledger round trip records every finished outcome (with its frequency-cap row) and claims the next
 * messages in one statement. At most `poolSize` rows of this process are ever in `sending`.
 */
export class SendDispatcher {
  private pending: Entry[] = [];
  private finished: Entry[] = [];
  private inFlight = 0;
  private wake: (() => void) | null = null;
  private running = false;
  private readonly transport: Transporter;

  constructor(private readonly account: AccountSettings) {
    this.transport = pooledTransport(account.poolSize);
  }

  /** Sends the messages; resolves with each one's outcome once it is committed to the ledger. */
  send(messages: Outgoing[]): Promise<Outcome>[] {
    const promises = messages.map((message) => new Promise<Outcome>((resolve) => this.pending.push({ message, resolve })));
    this.kick();
    if (!this.running) {
      this.running = true;
      void this.loop().finally(() => {
        this.running = false;
        if (this.pending.length || this.finished.length) this.send([]);
      });
    }
    return promises;
  }

  private kick(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async loop(): Promise<void> {
    while (this.pending.length || this.finished.length || this.inFlight > 0) {
      const results = this.finished.splice(0);
      const free = this.account.poolSize - (this.inFlight - results.length);
      let take = Math.min(free, this.pending.length);
      let waitMs = 0;
      if (take > 0) {
        try {
          const tokens = await takeSendTokens(this.account, take);
          take = tokens.granted;
          waitMs = tokens.waitMs;
        } catch {
          take = 0; // Redis away: the limits cannot be checked, so nothing new goes out until it is back.
          waitMs = 500;
        }
      }
      const claims = this.pending.splice(0, take);
      if (results.length === 0 && claims.length === 0) {
        await this.sleep(waitMs || 1000);
        continue;
      }
      let claimed: Set<string>;
      try {
        claimed = await writeLedger(results, claims);
      } catch (e) {
        // The database is away: nothing was committed; try the same round trip again.
        this.finished.unshift(...results);
        this.pending.unshift(...claims);
        console.error(`Send ledger write failed, retrying: ${e instanceof Error ? e.message : String(e)}`);
        await this.sleep(1000);
        continue;
      }
      this.inFlight -= results.length;
      await suppressHardBounces(results);
      for (const r of results) r.resolve(r.outcome!);
      for (const entry of claims) {
        if (!claimed.has(key(entry.message))) {
          entry.resolve({ kind: "not-claimed" });
          continue;
        }
        this.inFlight++;
        this.deliver(entry);
      }
      if (waitMs > 0 && this.pending.length > 0 && this.finished.length === 0) await this.sleep(waitMs);
    }
  }

  private deliver(entry: Entry): void {
    const m = entry.message;
    this.transport
      .sendMail({ envelope: { from: m.envelopeFrom, to: [m.email] }, raw: m.raw })
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
        this.finished.push(entry);
        this.kick();
      });
  }
}

const key = (m: { campaignId: string; customerId: number }) => `${m.campaignId} ${m.customerId}`;

/** One statement: record outcomes (sent → frequency-cap row), then claim the next rows under their chunk's lease. */
async function writeLedger(results: Entry[], claims: Entry[]): Promise<Set<string>> {
  const state = (o: Outcome) => (o.kind === "sent" ? "sent" : o.kind === "failed" ? "failed" : "queued");
  const error = (o: Outcome) => (o.kind === "failed" || o.kind === "retry" ? o.error : null);
  const r = results.map((e) => e.message);
  const c = claims.map((e) => e.message);
  const rows = await db.$queryRaw<{ campaign_id: string; customer_id: number }[]>`
    WITH results AS (
      SELECT * FROM unnest(${r.map((m) => m.campaignId)}::text[], ${r.map((m) => m.customerId)}::int[],
        ${results.map((e) => state(e.outcome!))}::text[], ${results.map((e) => error(e.outcome!))}::text[]) AS r(campaign_id, customer_id, state, error)
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
    ), wanted AS (
      SELECT * FROM unnest(${c.map((m) => m.campaignId)}::text[], ${c.map((m) => m.customerId)}::int[], ${c.map((m) => m.chunk)}::int[],
        ${c.map((m) => m.messageId)}::text[], ${c.map((m) => m.email)}::text[], ${c.map((m) => m.leaseOwner)}::text[])
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
  return new Set(rows.map((row) => `${row.campaign_id} ${row.customer_id}`));
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
