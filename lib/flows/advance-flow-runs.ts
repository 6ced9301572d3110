import { db, type Prisma } from "../db";
import { onCustomersChanged } from "../segments/on-customers-changed";
import { getSettings } from "../settings/get-settings";
import type { StepOutcome } from "./flow-graph";
import { queueFlowMessages, type FlowSender } from "./flow-sender";
import { loadLiveFlows, type LiveFlow } from "./load-live-flows";
import { stepExecutors, type RunAtStep, type StepContext, type StepResult } from "./step-executors";

interface ClaimedRun {
  id: bigint;
  flowId: string;
  customerId: number;
  stepId: string | null;
  phase: "ready" | "waiting";
  since: Date;
  matchedEventId: bigint | null;
  triggerEventId: bigint | null;
}

/** Where a run stands after this pass. */
interface RunState {
  stepId: string | null;
  phase: "ready" | "waiting";
  dueAt: Date | null;
  status: "active" | "completed" | "exited";
  exitReason: string | null;
  since: Date;
  matchedEventId: bigint | null;
}

/** Steps one pass may chain for a run before it yields (a long chain of instant steps goes on next pass). */
const MAX_CHAIN = 50;

const key = (r: { flowId: string; stepId: string | null }) => `${r.flowId}\u0000${r.stepId}`;

/**
 * The scheduler: claims active runs that are due (their wait ended, a waited-for event happened,
 * or they just entered) of active flows, FOR UPDATE SKIP LOCKED so any number of workers share the
 * work, and moves each through its steps until it waits, exits or completes — all in one
 * transaction. Each step a run starts is first recorded in flow_run_steps under the key (run, step):
 * a step that was already started is never executed again, so a retry or a second worker never
 * sends an email twice. Steps of many runs at the same step run set-based, together.
 */
export async function advanceFlowRuns(opts: { now?: Date; limit?: number; sender?: FlowSender } = {}): Promise<{ advanced: number }> {
  const now = opts.now ?? new Date();
  const limit = opts.limit ?? 2000;
  const sender = opts.sender ?? queueFlowMessages;
  const changedAttributes = new Set<number>();
  const advanced = await db.$transaction(
    async (tx) => {
      const claimed = await tx.$queryRaw<ClaimedRun[]>`
        SELECT r.id, r.flow_id AS "flowId", r.customer_id AS "customerId", r.step_id AS "stepId", r.phase,
          r.step_started_at AS since, r.matched_event_id AS "matchedEventId", r.trigger_event_id AS "triggerEventId"
        FROM flow_runs r
        WHERE r.status = 'active' AND r.due_at <= ${now}::timestamptz
          AND EXISTS (SELECT 1 FROM flows f WHERE f.id = r.flow_id AND f.status = 'active')
        ORDER BY r.due_at
        LIMIT ${limit}
        FOR UPDATE OF r SKIP LOCKED`;
      if (!claimed.length) return 0;
      const flows = new Map(
        (await loadLiveFlows({ tx, ids: [...new Set(claimed.map((r) => r.flowId))], statuses: ["active"] })).map((f) => [f.id, f]),
      );
      const defaultZone = (await getSettings({ tx })).timeZone;
      const states = new Map<bigint, RunState>();
      const completions: { runId: bigint; stepId: string; outcome: StepOutcome }[] = [];
      let pending = claimed.map((r) => ({
        ...r,
        id: BigInt(r.id),
        matchedEventId: r.matchedEventId === null ? null : BigInt(r.matchedEventId),
      }));

      for (let round = 0; pending.length && round < MAX_CHAIN; round++) {
        const next: typeof pending = [];
        const groups = new Map<string, typeof pending>();
        for (const r of pending) {
          const list = groups.get(key(r));
          if (list) list.push(r);
          else groups.set(key(r), [r]);
        }
        for (const runs of groups.values()) {
          const { flowId, stepId } = runs[0]!;
          const flow = flows.get(flowId);
          const step = stepId === null ? undefined : flow?.graph.step(stepId);
          if (stepId === null || !flow) {
            for (const r of runs) states.set(r.id, end(r, "completed", null, now));
            continue;
          }
          if (!step) {
            for (const r of runs) states.set(r.id, end(r, "exited", "step_removed", now));
            continue;
          }
          const results = await runStep({ tx, now, flow, stepId, runs, sender, defaultZone, changedAttributes });
          for (const r of runs) {
            const result = results.get(r.id);
            if (!result) continue;
            if (result.kind === "wait") {
              states.set(r.id, {
                stepId,
                phase: "waiting",
                dueAt: result.dueAt,
                status: "active",
                exitReason: null,
                since: r.since,
                matchedEventId: null,
              });
            } else if (result.kind === "exit") {
              completions.push({ runId: r.id, stepId, outcome: "done" });
              states.set(r.id, end(r, "exited", result.reason, now));
            } else {
              completions.push({ runId: r.id, stepId, outcome: result.outcome });
              const nextStep = flow.graph.next(stepId, result.outcome);
              // After a wait, events count from its end for the next wait-for-event.
              const since = r.phase === "waiting" ? now : r.since;
              if (nextStep === null) states.set(r.id, end({ ...r, since }, "completed", null, now));
              else next.push({ ...r, stepId: nextStep, phase: "ready", since, matchedEventId: null });
            }
          }
        }
        pending = next;
      }
      // Chains longer than one pass continue on the next one.
      for (const r of pending)
        states.set(r.id, {
          stepId: r.stepId,
          phase: "ready",
          dueAt: now,
          status: "active",
          exitReason: null,
          since: r.since,
          matchedEventId: null,
        });
      await writeStates(tx, states, completions, now);
      return claimed.length;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  if (changedAttributes.size) {
    await onCustomersChanged({ customerIds: [...changedAttributes], kinds: ["attributes"] }).catch((e: unknown) =>
      console.error(
        `Segments were not told of attributes set by flows: ${e instanceof Error ? e.message : String(e)} (a rebuild catches up)`,
      ),
    );
  }
  return { advanced };
}

function end(r: { since: Date }, status: "completed" | "exited", reason: string | null, _now: Date): RunState {
  return { stepId: null, phase: "ready", dueAt: null, status, exitReason: reason, since: r.since, matchedEventId: null };
}

/** Records the step's start once per (run, step), then executes it for the runs that may. */
async function runStep(opts: {
  tx: Prisma.TransactionClient;
  now: Date;
  flow: LiveFlow;
  stepId: string;
  runs: RunAtStep[];
  sender: FlowSender;
  defaultZone: string;
  changedAttributes: Set<number>;
}): Promise<Map<bigint, StepResult>> {
  const { tx, now, flow, stepId, runs } = opts;
  const ready = runs.filter((r) => r.phase === "ready");
  const fresh = new Set<bigint>();
  const done = new Map<bigint, StepResult>();
  if (ready.length) {
    const inserted = await tx.$queryRaw<{ runId: bigint }[]>`
      INSERT INTO flow_run_steps (run_id, step_id, flow_id, started_at)
      SELECT unnest(${ready.map((r) => r.id.toString())}::bigint[]), ${stepId}, ${flow.id}, ${now}::timestamptz
      ON CONFLICT (run_id, step_id) DO NOTHING
      RETURNING run_id AS "runId"`;
    for (const row of inserted) fresh.add(BigInt(row.runId));
    const repeated = ready.filter((r) => !fresh.has(r.id));
    if (repeated.length) {
      // Started before (never twice): follow the outcome it had, or take it up as a wait in progress.
      const rows = await tx.$queryRaw<{ runId: bigint; outcome: string | null }[]>`
        SELECT run_id AS "runId", outcome FROM flow_run_steps WHERE step_id = ${stepId} AND run_id = ANY(${repeated.map((r) => r.id.toString())}::bigint[])`;
      for (const row of rows) if (row.outcome) done.set(BigInt(row.runId), { kind: "done", outcome: row.outcome as StepOutcome });
    }
  }
  const toRun = runs
    .filter((r) => !done.has(r.id))
    .map((r) => (r.phase === "ready" && !fresh.has(r.id) ? { ...r, phase: "waiting" as const } : r));
  const step = flow.graph.step(stepId)!;
  const ctx = { ...opts, step, runs: toRun } as StepContext;
  const executor = stepExecutors[step.kind] as (c: StepContext) => Promise<Map<bigint, StepResult>>;
  const results = toRun.length ? await executor(ctx) : new Map<bigint, StepResult>();
  for (const [id, result] of done) results.set(id, result);
  return results;
}

async function writeStates(
  tx: Prisma.TransactionClient,
  states: Map<bigint, RunState>,
  completions: { runId: bigint; stepId: string; outcome: StepOutcome }[],
  now: Date,
): Promise<void> {
  const ids = [...states.keys()];
  const s = [...states.values()];
  if (ids.length) {
    await tx.$executeRaw`
      UPDATE flow_runs r SET step_id = u.step_id, phase = u.phase, due_at = u.due_at, status = u.status,
        active_customer_id = CASE WHEN u.status = 'active' THEN r.customer_id END,
        ended_at = CASE WHEN u.status = 'active' THEN NULL ELSE ${now}::timestamptz END,
        exit_reason = u.exit_reason, step_started_at = u.since, matched_event_id = u.matched_event_id
      FROM unnest(${ids.map(String)}::bigint[], ${s.map((x) => x.stepId)}::text[], ${s.map((x) => x.phase)}::text[],
        ${s.map((x) => x.dueAt?.toISOString() ?? null)}::timestamptz[], ${s.map((x) => x.status)}::text[],
        ${s.map((x) => x.exitReason)}::text[], ${s.map((x) => x.since.toISOString())}::timestamptz[],
        ${s.map((x) => x.matchedEventId?.toString() ?? null)}::bigint[])
        AS u(id, step_id, phase, due_at, status, exit_reason, since, matched_event_id)
      WHERE r.id = u.id`;
  }
  if (completions.length) {
    await tx.$executeRaw`
      UPDATE flow_run_steps t SET completed_at = ${now}::timestamptz, outcome = u.outcome
      FROM unnest(${completions.map((c) => c.runId.toString())}::bigint[], ${completions.map((c) => c.stepId)}::text[],
        ${completions.map((c) => c.outcome)}::text[]) AS u(run_id, step_id, outcome)
      WHERE t.run_id = u.run_id AND t.step_id = u.step_id AND t.completed_at IS NULL`;
  }
}
