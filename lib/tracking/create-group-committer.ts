import pg from "pg";
import { env } from "../env";
import type { InboxRow } from "./schemas";

/** What became of one submitted call once its group was committed. */
export type CommitOutcome = "stored" | "duplicate" | "key_revoked";

interface Pending {
  rows: InboxRow[];
  resolve(outcomes: CommitOutcome[]): void;
  reject(e: unknown): void;
}

export interface GroupCommitter {
  /** Resolves once the rows are in committed Postgres rows (or known duplicates / refused). */
  submit(rows: InboxRow[]): Promise<CommitOutcome[]>;
  close(): Promise<void>;
}

// One statement per group: it re-checks that each key is still live (revocation takes effect at
// once), inserts, skips messageIds its key sent before, and says which of the group's calls were stored.
// The group travels as one JSON array (one JSON.stringify in Node, parsed in C by Postgres) rather
// than eight escaped text arrays; the statement is prepared once per connection.
const commitSql = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb)
    AS t(message_id text, api_key_id text, type text, user_id text, anonymous_id text, payload jsonb, occurred_at timestamptz, received_at timestamptz)
), live AS (
  SELECT i.* FROM input i JOIN api_keys k ON k.id = i.api_key_id AND k.revoked_at IS NULL
), ins AS (
  INSERT INTO tracking_events (message_id, api_key_id, type, user_id, anonymous_id, payload, occurred_at, received_at)
  SELECT message_id, api_key_id, type, user_id, anonymous_id, payload, occurred_at, received_at FROM live
  ON CONFLICT (api_key_id, message_id) DO NOTHING
  RETURNING api_key_id, message_id
)
SELECT (SELECT coalesce(array_agg(DISTINCT api_key_id), '{}') FROM live) AS live_keys,
       (SELECT coalesce(array_agg(api_key_id || chr(31) || message_id), '{}') FROM ins) AS stored`;

/** A call's identity for de-duplication: a messageId is unique per API key. */
const storedKey = (r: Pick<InboxRow, "apiKeyId" | "messageId">) => `${r.apiKeyId}\u001f${r.messageId}`;

/**
 * Group commit: calls arriving while earlier groups are being written wait and go together in the
 * next statement, so the number of commits stays small however many requests are in flight.
 * Nobody is answered before their group's transaction has committed.
 */
export function createGroupCommitter(
  options: { databaseUrl?: string; maxInFlight?: number; maxGroupRows?: number; onCommitted?: (stored: number) => void } = {},
): GroupCommitter {
  const maxInFlight = options.maxInFlight ?? 4;
  const maxGroupRows = options.maxGroupRows ?? 5000;
  const pool = new pg.Pool({
    connectionString: options.databaseUrl ?? env().DATABASE_URL,
    max: maxInFlight,
    application_name: "tailor-tracking",
  });
  pool.on("error", () => undefined);
  const queue: Pending[] = [];
  let inFlight = 0;
  let scheduled = false;

  async function runStatement(rows: InboxRow[]): Promise<{ liveKeys: Set<string>; stored: Set<string>; count: number }> {
    const input = JSON.stringify(
      rows.map((r) => ({
        message_id: r.messageId,
        api_key_id: r.apiKeyId,
        type: r.type,
        user_id: r.userId,
        anonymous_id: r.anonymousId,
        payload: r.payload,
        occurred_at: r.occurredAt,
        received_at: r.receivedAt,
      })),
    );
    const result = await pool.query<{ live_keys: string[]; stored: string[] }>({
      name: "tracking-commit",
      text: commitSql,
      values: [input],
    });
    const stored = result.rows[0]?.stored ?? [];
    return { liveKeys: new Set(result.rows[0]?.live_keys ?? []), stored: new Set(stored), count: stored.length };
  }

  function settle(p: Pending, outcome: { liveKeys: Set<string>; stored: Set<string> }): void {
    p.resolve(
      p.rows.map((r) => {
        if (!outcome.liveKeys.has(r.apiKeyId)) return "key_revoked";
        if (outcome.stored.delete(storedKey(r))) return "stored";
        return "duplicate";
      }),
    );
  }

  async function commit(group: Pending[]): Promise<void> {
    try {
      const outcome = await runStatement(group.flatMap((p) => p.rows));
      for (const p of group) settle(p, outcome);
      options.onCommitted?.(outcome.count);
    } catch (e) {
      if (group.length === 1) {
        group[0]!.reject(e);
        return;
      }
      // The statement rolled back whole: a value slipped past validation fails only its own call,
      // so the group's calls are committed again one by one and only the failing one gets the error.
      console.error(`Tracking API: a group of ${group.length} requests failed; committing them one by one`, e);
      let count = 0;
      for (const p of group) {
        try {
          const outcome = await runStatement(p.rows);
          settle(p, outcome);
          count += outcome.count;
        } catch (one) {
          p.reject(one);
        }
      }
      if (count) options.onCommitted?.(count);
    }
  }

  function pump(): void {
    scheduled = false;
    while (inFlight < maxInFlight && queue.length) {
      const group: Pending[] = [];
      let size = 0;
      while (queue.length && (size === 0 || size + queue[0]!.rows.length <= maxGroupRows)) {
        const next = queue.shift()!;
        size += next.rows.length;
        group.push(next);
      }
      inFlight++;
      void commit(group).finally(() => {
        inFlight--;
        schedule();
      });
    }
  }

  function schedule(): void {
    if (scheduled || !queue.length) return;
    scheduled = true;
    // Let the calls parsed in this turn of the event loop join the group.
    setImmediate(pump);
  }

  return {
    submit(rows) {
      if (!rows.length) return Promise.resolve([]);
      return new Promise<CommitOutcome[]>((resolve, reject) => {
        queue.push({ rows, resolve, reject });
        schedule();
      });
    },
    async close() {
      while (queue.length || inFlight) await new Promise((r) => setTimeout(r, 10));
      await pool.end();
    },
  };
}
