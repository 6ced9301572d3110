/** How a customer is named in lists and headings; client-safe. */
export function customerDisplayName(c: {
  id: number;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  /** The first external id, for customers known only by it (e.g. Online Retail's CustomerID). */
  externalId?: string | null;
  /** Set once the person was erased: they are named as such everywhere. */
  erasedAt?: Date | string | null;
}): string {
  if (c.erasedAt) return `Erased customer #${c.id}`;
  const name = [c.firstName, c.lastName].filter((p) => p && p.trim()).join(" ");
  return name || c.email || (c.externalId ? `Customer ${c.externalId}` : `Customer #${c.id}`);
}
