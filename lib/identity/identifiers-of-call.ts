import type { Identifier } from "./identifier";
import { normalizeEmail, normalizePhone } from "./normalize-identifier";

function traitsOf(type: string, payload: Record<string, unknown>): Record<string, unknown> {
  const own =
    type === "identify" && typeof payload.traits === "object" && payload.traits ? (payload.traits as Record<string, unknown>) : {};
  const context = typeof payload.context === "object" && payload.context ? (payload.context as Record<string, unknown>) : {};
  const contextTraits = typeof context.traits === "object" && context.traits ? (context.traits as Record<string, unknown>) : {};
  return { ...contextTraits, ...own };
}

/**
 * The identifiers one tracking call carries: userId (an external id of the key's source),
 * anonymousId, and the email and phone in its traits (identify) or context.traits (any call).
 */
export function identifiersOfCall(options: {
  type: string;
  userId: string | null;
  anonymousId: string | null;
  payload: Record<string, unknown>;
  source: string;
  defaultRegion: string;
}): { identifiers: Identifier[]; traits: Record<string, unknown> } {
  const identifiers: Identifier[] = [];
  if (options.userId) identifiers.push({ type: "external_id", source: options.source, value: options.userId });
  if (options.anonymousId) identifiers.push({ type: "anonymous_id", source: "", value: options.anonymousId });
  const traits = traitsOf(options.type, options.payload);
  const email = normalizeEmail(traits.email);
  if (email) identifiers.push({ type: "email", source: "", value: email });
  const phone = normalizePhone(traits.phone, options.defaultRegion);
  if (phone) identifiers.push({ type: "phone", source: "", value: phone });
  return { identifiers, traits };
}
