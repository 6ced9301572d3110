import { db, type Prisma } from "../db";
import { SqlParams } from "../segments/sql-params";
import { eventMatchSql } from "./event-match-sql";
import { isEventExit } from "./exit-criteria-sql";
import { loadLiveFlows, type LiveFlow } from "./load-live-flows";
import { walkSteps } from "./schemas";

interface Signal {
  kind: string;
  customerId: number;
  eventId: bigint | null;
  segmentId: string | null;
  at: Date;
}

/** The claimed signals as a CTE `s` (its parameters added to `params`). */
function signalsCte(signals: Signal[], params: SqlParams): string {
  const kinds = params.add(
    signals.map((s) => s.kind),
    "text[]",
  );
  const customers = params.add(
    signals.map((s) => s.customerId),
    "text[]",
  );
  const events = params.add(
    signals.map((s) => s.eventId?.toString() ?? null),
    "text[]",
  );
  const segments = params.add(
    signals.map((s) => s.segmentId),
    "text[]",
  );
  const at = params.add(
    signals.map((s) => s.at.toISOString()),
    "text[]",
  );
  return `s AS (SELECT * FROM unnest(${kinds}, ${customers}::int[], ${events}::bigint[], ${segments}, ${at}::timestamptz[])
    AS s(kind, customer_id, event_id, segment_id, at))`;
}

function reentrySql(flow: LiveFlow, params: SqlParams, customer: string, now: Date): string {
  if (flow.reentry.kind === "every_time") return "true";
  const f = params.add(flow.id, "text");
  if (flow.reentry.kind === "once") return `NOT EXISTS (SELECT 1 FROM flow_runs p WHERE p.flow_id = ${f} AND p.customer_id = ${customer})`;
  if (flow.reentry.kind === "once_per_days") {
    const since = params.add(new Date(now.getTime() - flow.reentry.days * 86_400_000), "timestamptz");
    return `NOT EXISTS (SELECT 1 FROM flow_runs p WHERE p.flow_id = ${f} AND p.customer_id = ${customer} AND p.entered_at > ${since})`;
  }
  return "true";
}

/** Entries of one active flow from the signals (unique key: nobody is in it twice at once). */
async function enter(tx: Prisma.TransactionClient, flow: LiveFlow, signals: Signal[], now: Date): Promise<number> {
  const params = new SqlParams();
  const cte = signalsCte(signals, params);
  const p = {
    flow: params.add(flow.id, "text"),
    first: params.add(flow.graph.first, "text"),
    now: params.add(now, "timestamptz"),
    version: params.add(flow.version, "int"),
    activated: params.add(flow.activatedAt, "timestamptz"),
  };
  // Someone who already did an exit event after the trigger (tracked in the same batch) never enters.
  const exitEvents = flow.exitOn.filter(isEventExit);
  const exited = exitEvents.length
    ? `AND NOT EXISTS (SELECT 1 FROM events x WHERE x.customer_id = t.customer_id AND x.occurred_at >= t.at AND (${exitEvents
        .map((m, i) => `(${eventMatchSql(m, params, `exit ${i + 1}`, "x")})`)
        .join(" OR ")}))`
    : "";
  const triggers =
    flow.trigger.kind === "event"
      ? `SELECT e.customer_id, e.id AS event_id, e.occurred_at AS at FROM s JOIN events e ON e.id = s.event_id
         WHERE s.kind = 'event' AND e.occurred_at >= ${p.activated} AND ${eventMatchSql(flow.trigger, params, "trigger")}`
      : `SELECT s.customer_id, NULL::bigint AS event_id, s.at FROM s
         WHERE s.kind = 'segment_enter' AND s.segment_id = ${params.add(flow.trigger.segmentId, "text")} AND s.at >= ${p.activated}`;
  return tx.$executeRawUnsafe(
    `WITH ${cte}, t AS (${triggers})
     INSERT INTO flow_runs (flow_id, customer_id, active_customer_id, status, step_id, phase, due_at, step_started_at,
       trigger_event_id, triggered_at, entered_at, flow_version)
     SELECT DISTINCT ON (t.customer_id) ${p.flow}, t.customer_id, t.customer_id, 'active', ${p.first}, 'ready', ${p.now}, t.at,
       t.event_id, t.at, ${p.now}, ${p.version}
     FROM t JOIN customers c ON c.id = t.customer_id
     WHERE ${reentrySql(flow, params, "t.customer_id", now)} ${exited}
     ORDER BY t.customer_id, t.at, t.event_id
     ON CONFLICT (flow_id, active_customer_id) DO NOTHING`,
    ...params.values,
  );
}

/** Runs waiting at a wait-for-event step whose event happened: due now, on the "happened" path. */
async function matchWaits(tx: Prisma.TransactionClient, flow: LiveFlow, signals: Signal[], now: Date): Promise<void> {
  for (const { step } of walkSteps(flow.steps)) {
    if (step.kind !== "wait_for_event") continue;
    const params = new SqlParams();
    const cte = signalsCte(signals, params);
    await tx.$executeRawUnsafe(
      `WITH ${cte}, m AS (
         SELECT DISTINCT ON (r.id) r.id, e.id AS event_id FROM s JOIN events e ON e.id = s.event_id
         JOIN flow_runs r ON r.flow_id = ${params.add(flow.id, "text")} AND r.status = 'active' AND r.step_id = ${params.add(step.id, "text")}
           AND r.phase = 'waiting' AND r.matched_event_id IS NULL AND r.customer_id = e.customer_id AND e.occurred_at >= r.step_started_at
         WHERE s.kind = 'event' AND ${eventMatchSql(step.match, params, `step ${step.id}`)}
         ORDER BY r.id, e.occurred_at, e.id)
       UPDATE flow_runs r SET matched_event_id = m.event_id, due_at = ${params.add(now, "timestamptz")}
       FROM m WHERE r.id = m.id AND r.status = 'active'`,
      ...params.values,
    );
  }
}

/**
 * Exit criteria: an exit event after the trigger, or leaving an exit segment after it, takes the
 * person out at once, wherever they are.
 */
async function exitRuns(tx: Prisma.TransactionClient, flow: LiveFlow, signals: Signal[], now: Date): Promise<number> {
  const events = flow.exitOn.filter(isEventExit);
  const segments = flow.exitOn.flatMap((c) => (isEventExit(c) ? [] : [c.segmentId]));
  if (!events.length && !segments.length) return 0;
  const params = new SqlParams();
  const cte = signalsCte(signals, params);
  const flowId = params.add(flow.id, "text");
  const matches = [
    ...(events.length
      ? [
          `SELECT r.id, e.occurred_at AS at, 'exit:' || e.type AS reason FROM s JOIN events e ON e.id = s.event_id
           JOIN flow_runs r ON r.flow_id = ${flowId} AND r.status = 'active' AND r.customer_id = e.customer_id AND e.occurred_at >= r.triggered_at
           WHERE s.kind = 'event' AND (${events.map((m, i) => `(${eventMatchSql(m, params, `exit ${i + 1}`)})`).join(" OR ")})`,
        ]
      : []),
    ...(segments.length
      ? [
          `SELECT r.id, s.at, 'left_segment:' || s.segment_id AS reason FROM s
           JOIN flow_runs r ON r.flow_id = ${flowId} AND r.status = 'active' AND r.customer_id = s.customer_id AND s.at >= r.triggered_at
           WHERE s.kind = 'segment_leave' AND s.segment_id = ANY(${params.add(segments, "text[]")})`,
        ]
      : []),
  ];
  return tx.$executeRawUnsafe(
    `WITH ${cte}, m AS (SELECT DISTINCT ON (id) id, reason FROM (${matches.join(" UNION ALL ")}) x ORDER BY id, at)
     UPDATE flow_runs r SET status = 'exited', active_customer_id = NULL, due_at = NULL, ended_at = ${params.add(now, "timestamptz")},
       exit_reason = m.reason
     FROM m WHERE r.id = m.id AND r.status = 'active'`,
    ...params.values,
  );
}

/**
 * Takes the signals the database triggers wrote (events of watched types, segment entries and exits) and
 * applies them to every live flow in one transaction: entries first (so an exit event tracked in
 * the same batch still takes the new run out), then waited-for events, then exit criteria. Claimed
 * with SKIP LOCKED and deleted in the same transaction: each signal is handled exactly once, by
 * one worker, and none is lost to a crash.
 */
export async function processFlowSignals(
  opts: { now?: Date; limit?: number } = {},
): Promise<{ signals: number; entered: number; exited: number }> {
  const now = opts.now ?? new Date();
  return db.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<Signal[]>`
        DELETE FROM flow_signals WHERE id IN (SELECT id FROM flow_signals ORDER BY id LIMIT ${opts.limit ?? 5000} FOR UPDATE SKIP LOCKED)
        RETURNING kind, customer_id AS "customerId", event_id AS "eventId", segment_id AS "segmentId", at`;
      if (!rows.length) return { signals: 0, entered: 0, exited: 0 };
      const flows = await loadLiveFlows({ tx });
      let entered = 0;
      let exited = 0;
      for (const flow of flows) if (flow.status === "active") entered += await enter(tx, flow, rows, now);
      for (const flow of flows) await matchWaits(tx, flow, rows, now);
      for (const flow of flows) exited += await exitRuns(tx, flow, rows, now);
      return { signals: rows.length, entered, exited };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}
