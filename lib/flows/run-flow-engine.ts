import { advanceFlowRuns } from "./advance-flow-runs";
import { deliverFlowMessages } from "./deliver-flow-messages";
import type { FlowSender } from "./flow-sender";
import { sweepStepExperiments } from "./experiments/sweep-step-experiments";
import { processFlowSignals } from "./process-flow-signals";

/**
 * Delivers flow messages in full batches back to back while there are more (skipped ones count: a
 * backlog of people nobody may email is cleared as fast as one to send), stopping at a partial
 * batch, when the rate limits hold messages back, or after 100 batches.
 */
export async function drainFlowMessages(opts: { stopped?: () => boolean; now?: Date } = {}): Promise<{ batches: number }> {
  const limit = 200;
  let batches = 0;
  while (batches < 100 && !opts.stopped?.()) {
    const r = await deliverFlowMessages({ limit, now: opts.now });
    batches++;
    if (r.sent + r.skipped + r.failed + r.held < limit || r.held > 0) break;
  }
  return { batches };
}

export interface FlowEngine {
  /** Resolves once the pass in progress has finished. */
  stop(): Promise<void>;
}

/** How often the engine looks at send steps' experiments (a winner to decide, a bandit's shares to update). */
const EXPERIMENT_SWEEP_MS = 5_000;

/** How often the engine looks at Postgres: waits fire and events enter within about this long (plus a pass). */
export const FLOW_ENGINE_INTERVAL_MS = 500;

/**
 * The flow engine's loop in a worker process: every half second, the signals the triggers wrote
 * (entries, waited-for events, exits), then every run that is due. It polls Postgres, the source of
 * truth, and keeps nothing in Redis or in memory, so a restart of either loses nobody; several
 * workers may run it at once (claims use SKIP LOCKED).
 */
export function startFlowEngine(
  opts: { log?: (line: string) => void; intervalMs?: number; sender?: FlowSender; deliver?: boolean } = {},
): FlowEngine {
  const log = opts.log ?? ((line: string) => console.log(line));
  const interval = opts.intervalMs ?? FLOW_ENGINE_INTERVAL_MS;
  let stopped = false;
  let sweptAt = 0;
  const pass = async () => {
    // Drain: a backlog (a burst of events, many waits due at once) goes in full batches back to back.
    for (let i = 0; i < 100 && !stopped; i++) if ((await processFlowSignals()).signals < 5000) break;
    for (let i = 0; i < 100 && !stopped; i++) if ((await advanceFlowRuns({ sender: opts.sender })).advanced < 2000) break;
    // Send steps' experiments: decisions and bandit updates, every few seconds.
    if (Date.now() - sweptAt >= EXPERIMENT_SWEEP_MS) {
      sweptAt = Date.now();
      await sweepStepExperiments();
    }
  };
  // Delivery runs beside the scheduler, so a slow SMTP server never delays waits and entries.
  const deliver = async () => {
    if (opts.deliver === false) return;
    await drainFlowMessages({ stopped: () => stopped });
  };
  const wakes = new Set<() => void>();
  const loop = (name: string, work: () => Promise<void>) =>
    (async () => {
      let failures = 0;
      while (!stopped) {
        try {
          await work();
          failures = 0;
        } catch (e) {
          // Logged once per streak (Postgres down, a bad flow): the next pass tries again.
          if (failures++ === 0) log(`Flow ${name} failed: ${e instanceof Error ? e.message : String(e)} (retrying)`);
        }
        if (!stopped)
          await new Promise<void>((resolve) => {
            wakes.add(resolve);
            setTimeout(resolve, interval).unref();
          });
      }
    })();
  const loops = [loop("engine pass", pass), loop("email delivery", deliver)];
  return {
    async stop() {
      stopped = true;
      for (const wake of wakes) wake();
      await Promise.all(loops);
    },
  };
}
