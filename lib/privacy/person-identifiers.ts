import { Prisma } from "../generated/prisma/client";

/** The strings that identify the person: email, phone, full name, identity values (ids). */
export function identifiersOf(c: {
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  identities: { value: string }[];
}): string[] {
  const fullName = [c.firstName, c.lastName].filter(Boolean).join(" ");
  return unique([c.email, c.phone, fullName.includes(" ") ? fullName : null, ...c.identities.map((i) => i.value)]).filter(
    (s) => s.length >= 4,
  );
}

export function unique(values: (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => !!v))];
}

/**
 * A case-insensitive regex matching `value` as a whole token (not inside a longer number or word),
 * so erasing the id 12346 leaves an unrelated "C512346" alone.
 */
export function wholeTokenPattern(value: string): string {
  return `(^|[^[:alnum:]])${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^[:alnum:]])`;
}

/**
 * The tracking calls (tracking_events, alias t) that came from the person: by their user and
 * anonymous ids, the email in the call's traits, or the message ids of their events. Export and
 * erasure share it. Run it while the identities and message ids are still there.
 */
export function personTrackingCallsWhere(c: { id: number; email: string | null; identities: { type: string; value: string }[] }) {
  const values = (type: string) => c.identities.filter((i) => i.type === type).map((i) => i.value);
  const emails = unique([c.email, ...values("email")].map((e) => e?.trim().toLowerCase()));
  return Prisma.sql`(t.user_id = ANY(${values("external_id")}) OR t.anonymous_id = ANY(${values("anonymous_id")})
    OR lower(t.payload->'traits'->>'email') = ANY(${emails})
    OR (t.api_key_id, t.message_id) IN (SELECT e.api_key_id, e.message_id FROM events e WHERE e.customer_id = ${c.id} AND e.message_id IS NOT NULL))`;
}
