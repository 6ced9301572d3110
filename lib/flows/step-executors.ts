import type { Prisma } from "../db";
import { compileRules } from "../segments/compile-rules";
import { SqlParams } from "../segments/sql-params";
import { eventMatchSql } from "./event-match-sql";
import type { StepOutcome } from "./flow-graph";
import type { FlowSender } from "./flow-sender";
import type { FlowStep } from "./schemas";
import { splitPoint } from "./split-point";
import { isTimeZone, nextTimeOfDay } from "./zoned-time";

/** A run the engine is moving, at one step. */
export interface RunAtStep {
  id: bigint;
  flowId: string;
  customerId: number;
  /** ready: the step starts now; waiting: the step (a wait) started before and is due. */
  phase: "ready" | "waiting";
  /** Events from this moment count for a wait-for-event step (the trigger, or the end of the last wait). */
  since: Date;
  matchedEventId: bigint | null;
  triggerEventId: bigint | null;
}

export type StepResult = { kind: "done"; outcome: StepOutcome } | { kind: "wait"; dueAt: Date } | { kind: "exit"; reason: string };

export interface StepContext<K extends FlowStep["kind"] = FlowStep["kind"]> {
  tx: Prisma.TransactionClient;
  now: Date;
  step: Extract<FlowStep, { kind: K }>;
  runs: RunAtStep[];
  sender: FlowSender;
  /** The installation's zone, for people whose own zone is unknown. */
  defaultZone: string;
  /** Customers whose attributes changed (segments re-evaluate them after the commit). */
  changedAttributes: Set<number>;
}

type Executor<K extends FlowStep["kind"]> = (ctx: StepContext<K>) => Promise<Map<bigint, StepResult>>;

const UNIT_MS = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

const all = (runs: RunAtStep[], result: (run: RunAtStep) => StepResult) => new Map(runs.map((r) => [r.id, result(r)]));

async function updateAttributes(
  ctx: Pick<StepContext, "tx" | "runs" | "changedAttributes">,
  path: string,
  valueSql: (p: SqlParams) => string,
): Promise<void> {
  const params = new SqlParams();
  const ids = params.add(
    [...new Set(ctx.runs.map((r) => r.customerId))].sort((a, b) => a - b),
    "text[]",
  );
  const key = params.add(path, "text");
  await ctx.tx.$executeRawUnsafe(
    `UPDATE customers c SET attributes = jsonb_set(CASE WHEN jsonb_typeof(c.attributes) = 'object' THEN c.attributes ELSE '{}'::jsonb END,
       ARRAY[${key}], ${valueSql(params)}), updated_at = now()
     WHERE c.id = ANY(${ids}::int[])`,
    ...params.values,
  );
  for (const r of ctx.runs) ctx.changedAttributes.add(r.customerId);
}

/** The tags as a sorted JSON array of distinct strings, with `tag` added or removed. */
const tagsSql = (tag: string, op: "add" | "remove") => (p: SqlParams) => {
  const t = p.add(tag, "text");
  const current = `(SELECT array_agg(x) FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(c.attributes -> 'tags') = 'array' THEN c.attributes -> 'tags' ELSE '[]'::jsonb END) x)`;
  const next = op === "add" ? `array_append(coalesce(${current}, '{}'), ${t})` : `array_remove(coalesce(${current}, '{}'), ${t})`;
  return `coalesce((SELECT to_jsonb(array_agg(DISTINCT y ORDER BY y)) FROM unnest(${next}) y), '[]'::jsonb)`;
};

/** What each kind of step does to a group of runs at it, set-based (one statement per group, not per person). */
export const stepExecutors: { [K in FlowStep["kind"]]: Executor<K> } = {
  async wait({ step, runs, now }) {
    return all(runs, (r) =>
      r.phase === "waiting"
        ? { kind: "done", outcome: "done" }
        : { kind: "wait", dueAt: new Date(now.getTime() + step.duration.amount * UNIT_MS[step.duration.unit]) },
    );
  },

  async wait_until_time({ tx, step, runs, now, defaultZone }) {
    const ready = runs.filter((r) => r.phase === "ready");
    const zones = new Map<number, unknown>();
    if (ready.length) {
      const rows = await tx.$queryRaw<{ id: number; zone: unknown }[]>`
        SELECT id, attributes ->> 'timezone' AS zone FROM customers WHERE id = ANY(${ready.map((r) => r.customerId)}::int[])`;
      for (const row of rows) zones.set(row.id, row.zone);
    }
    return all(runs, (r) => {
      if (r.phase === "waiting") return { kind: "done", outcome: "done" };
      const own = zones.get(r.customerId);
      const zone = isTimeZone(own) ? own : defaultZone;
      return { kind: "wait", dueAt: nextTimeOfDay({ after: now, zone, hour: step.hour, minute: step.minute }) };
    });
  },

  async wait_for_event({ tx, step, runs, now }) {
    const results = new Map<bigint, StepResult>();
    const ready = runs.filter((r) => r.phase === "ready" && r.matchedEventId === null);
    // An event may already have happened since the run got here (tracked in the same batch as the
    // trigger, or while earlier steps ran): the signal was handled before the run waited for it.
    const matched = new Set<bigint>();
    if (ready.length) {
      const params = new SqlParams();
      const runIds = params.add(
        ready.map((r) => r.id.toString()),
        "text[]",
      );
      const customers = params.add(
        ready.map((r) => r.customerId),
        "text[]",
      );
      const since = params.add(
        ready.map((r) => r.since.toISOString()),
        "text[]",
      );
      const rows = await tx.$queryRawUnsafe<{ runId: bigint; eventId: bigint }[]>(
        `SELECT u.run_id AS "runId", (SELECT e.id FROM events e WHERE e.customer_id = u.customer_id AND e.occurred_at >= u.since
           AND ${eventMatchSql(step.match, params, `step ${step.id}`)} ORDER BY e.occurred_at, e.id LIMIT 1) AS "eventId"
         FROM unnest(${runIds}::bigint[], ${customers}::int[], ${since}::timestamptz[]) AS u(run_id, customer_id, since)`,
        ...params.values,
      );
      for (const row of rows) if (row.eventId !== null) matched.add(BigInt(row.runId));
    }
    for (const r of runs) {
      if (r.matchedEventId !== null || matched.has(r.id)) results.set(r.id, { kind: "done", outcome: "happened" });
      else if (r.phase === "waiting") results.set(r.id, { kind: "done", outcome: "timed_out" });
      else results.set(r.id, { kind: "wait", dueAt: new Date(now.getTime() + step.timeout.amount * UNIT_MS[step.timeout.unit]) });
    }
    return results;
  },

  async branch({ tx, step, runs, now }) {
    const condition = step.condition;
    let yes: Set<number> | null = null;
    if (condition.kind === "random") {
      return all(runs, (r) => ({ kind: "done", outcome: splitPoint(r.id, step.id) * 100 < condition.percent ? "yes" : "no" }));
    }
    const ids = runs.map((r) => r.customerId);
    if (condition.kind === "segment") {
      const rows = await tx.$queryRaw<{ id: number }[]>`
        SELECT customer_id AS id FROM segment_members WHERE segment_id = ${condition.segmentId} AND customer_id = ANY(${ids}::int[])`;
      yes = new Set(rows.map((r) => r.id));
    } else {
      const params = new SqlParams();
      const scope = params.add(ids, "text[]");
      const compiled = compileRules(condition.rules, { ref: now, params, scope: (col) => `${col} = ANY(${scope}::int[])` });
      const rows = await tx.$queryRawUnsafe<{ id: number }[]>(
        `SELECT c.id FROM ${compiled.from} WHERE c.id = ANY(${scope}::int[]) AND (${compiled.filter})`,
        ...params.values,
      );
      yes = new Set(rows.map((r) => r.id));
    }
    return all(runs, (r) => ({ kind: "done", outcome: yes!.has(r.customerId) ? "yes" : "no" }));
  },

  async send_email({ tx, step, runs, now, sender, defaultZone }) {
    const handed = await sender.handOff({
      tx,
      now,
      step,
      defaultZone,
      requests: runs.map((r) => ({ runId: r.id, flowId: r.flowId, customerId: r.customerId, triggerEventId: r.triggerEventId })),
    });
    return all(runs, (r) => ({ kind: "done", outcome: handed.has(r.id) ? "sent" : "skipped" }));
  },

  async update_attribute(ctx) {
    const value = ctx.step.value;
    await updateAttributes(ctx, ctx.step.name, (p) => `${p.add(JSON.stringify(value), "text")}::jsonb`);
    return all(ctx.runs, () => ({ kind: "done", outcome: "done" }));
  },

  async add_tag(ctx) {
    await updateAttributes(ctx, "tags", tagsSql(ctx.step.tag, "add"));
    return all(ctx.runs, () => ({ kind: "done", outcome: "done" }));
  },

  async remove_tag(ctx) {
    await updateAttributes(ctx, "tags", tagsSql(ctx.step.tag, "remove"));
    return all(ctx.runs, () => ({ kind: "done", outcome: "done" }));
  },

  async exit({ runs }) {
    return all(runs, () => ({ kind: "exit", reason: "exit_step" }));
  },
};
