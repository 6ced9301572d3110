import { systemActor } from "../lib/audit/write-audit-log";
import { db } from "../lib/db";
import { advanceFlowRuns } from "../lib/flows/advance-flow-runs";
import { processFlowSignals } from "../lib/flows/process-flow-signals";
import { saveFlow } from "../lib/flows/save-flow";
import type { FlowDefinition } from "../lib/flows/schemas";
import { setFlowStatus } from "../lib/flows/set-flow-status";

/** Helpers for flow tests: people, events and live flows through the real lib/ functions and tables. */
export const actor = systemActor("system");

export async function createCustomer(
  data: { email?: string; country?: string; attributes?: Record<string, unknown> } = {},
): Promise<number> {
  const c = await db.customer.create({
    data: { email: data.email ?? null, country: data.country ?? null, attributes: (data.attributes ?? {}) as object },
    select: { id: true },
  });
  return c.id;
}

/** An event on a profile, as the tracking pipeline writes it (the events trigger signals the flows). */
export async function track(customerId: number, type: string, at: Date, properties: Record<string, unknown> = {}): Promise<bigint> {
  const rows = await db.$queryRaw<{ id: bigint }[]>`
    INSERT INTO events (customer_id, type, occurred_at, properties, source)
    VALUES (${customerId}, ${type}, ${at}, ${JSON.stringify(properties)}::jsonb, 'tracking:test') RETURNING id`;
  return rows[0]!.id;
}

export async function createTemplate(name = "Cart reminder"): Promise<string> {
  return (await db.emailTemplate.create({ data: { name }, select: { id: true } })).id;
}

/** Saves and activates a flow; its events count from `activatedAt`. */
export async function liveFlow(
  definition: Omit<FlowDefinition, "description" | "reentry" | "exitOn"> & Partial<FlowDefinition>,
  activatedAt: Date,
): Promise<string> {
  const { id } = await saveFlow({ input: { description: "", reentry: { kind: "once" }, exitOn: [], ...definition }, actor });
  await setFlowStatus({ id, status: "active", actor, now: activatedAt });
  return id;
}

export const minutes = (base: Date, n: number) => new Date(base.getTime() + n * 60_000);

/** The start of the current minute: a test clock's t0 that later minutes(t0, n) never pass by much. */
export const startOfMinute = () => new Date(Math.floor(Date.now() / 60_000) * 60_000);

/** One engine tick at a moment of the test's clock: the signals (entries, waited-for events, exits), then the due runs. */
export async function tick(now: Date): Promise<{ signals: number; entered: number; exited: number; advanced: number }> {
  const signals = await processFlowSignals({ now });
  const { advanced } = await advanceFlowRuns({ now });
  return { ...signals, advanced };
}

/**
 * A new person inside a live flow at `stepId`, as the engine leaves someone waiting there (due in a
 * day, so no tick moves them): for counts of who stands where.
 */
export async function personAt(flowId: string, stepId: string, since = new Date(Date.now() - 60_000)): Promise<number> {
  const customerId = await createCustomer();
  await db.flowRun.create({
    data: {
      flowId,
      customerId,
      activeCustomerId: customerId,
      status: "active",
      stepId,
      phase: "waiting",
      dueAt: new Date(since.getTime() + 86_400_000),
      stepStartedAt: since,
      triggeredAt: since,
      enteredAt: since,
      flowVersion: 1,
    },
  });
  return customerId;
}

/** A template body a flow may send: a tracked link, the postal address and the unsubscribe link. */
export const TRACKED_MJML = `<mjml><mj-body><mj-section><mj-column>
<mj-text>Hi {{ customer.first_name }}</mj-text>
<mj-button href="https://shop.example/sale">See the sale</mj-button>
<mj-text>{{ organisation.postal_address }} <a href="{{ unsubscribe_url }}">Unsubscribe</a></mj-text>
</mj-column></mj-section></mj-body></mjml>`;
