import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { normalizeEmail } from "./normalize-identifier";

const querySchema = z.object({
  userId: z.string().min(1).optional(),
  anonymousId: z.string().min(1).optional(),
  email: z.string().min(1).optional(),
});

/**
 * A profile by one of its identifiers (the secret-key read API): `userId` (an external id of the
 * key's source), `anonymousId` or `email`. Columns, identities and the 20 latest events.
 */
export async function findProfileByIdentifier(options: { query: URLSearchParams; source: string }) {
  const q = querySchema.parse(Object.fromEntries(options.query));
  const where = q.userId
    ? { type: "external_id" as const, source: options.source, value: q.userId }
    : q.anonymousId
      ? { type: "anonymous_id" as const, source: "", value: q.anonymousId }
      : q.email
        ? { type: "email" as const, source: "", value: normalizeEmail(q.email) ?? "" }
        : null;
  if (!where) throw new AppError("bad_request", "Say whose profile: ?userId=…, ?anonymousId=… or ?email=….");
  const identity = await db.identity.findUnique({ where: { type_source_value: where }, select: { customerId: true } });
  if (!identity)
    throw new AppError(
      "not_found",
      "No profile has that identifier (yet: calls are folded into profiles a moment after they are accepted).",
    );
  return db.customer.findUniqueOrThrow({
    where: { id: identity.customerId },
    select: {
      id: true,
      email: true,
      firstName: true,
      lastName: true,
      phone: true,
      city: true,
      country: true,
      attributes: true,
      firstSeenAt: true,
      lastSeenAt: true,
      identities: { select: { type: true, source: true, value: true } },
      events: { orderBy: { occurredAt: "desc" }, take: 20, select: { type: true, occurredAt: true, properties: true, messageId: true } },
    },
  });
}
