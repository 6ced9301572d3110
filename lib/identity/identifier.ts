import type { IdentityType } from "../generated/prisma/enums";

/** One identifier a person uses, normalized. `source` is "" except for external ids. */
export interface Identifier {
  type: IdentityType;
  source: string;
  value: string;
}

/** A map key for an identifier (unit separators: never part of a value, unlike in Postgres NUL). */
export const identifierKey = (i: Identifier): string => `${i.type}\u001f${i.source}\u001f${i.value}`;

export const describeIdentifier = (i: Identifier): string =>
  i.type === "external_id" ? `external id ${i.value} (${i.source})` : `${i.type.replace("_", " ")} ${i.value}`;
