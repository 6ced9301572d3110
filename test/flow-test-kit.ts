import { systemActor } from "../lib/audit/write-audit-log";
import { db } from "../lib/db";
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

/** A template body a flow may send: a tracked link, the postal address and the unsubscribe link. */
export const TRACKED_MJML = `<mjml><mj-body><mj-section><mj-column>
<mj-text>Hi {{ customer.first_name }}</mj-text>
<mj-button href="https://shop.example/sale">See the sale</mj-button>
<mj-text>{{ organisation.postal_address }} <a href="{{ unsubscribe_url }}">Unsubscribe</a></mj-text>
</mj-column></mj-section></mj-body></mjml>`;
