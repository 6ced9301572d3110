import { Prisma } from "../generated/prisma/client";

/**
 * SQL condition on customers `c` for a search box query: every word must match the first name,
 * last name or email (ILIKE, served by trigram indexes), or the whole query equals a customer id
 * or an identity's value (external id "17850", email, phone; served by the identities value index).
 */
export function customerSearchFilter(q: string): Prisma.Sql {
  const query = q.trim();
  if (!query) return Prisma.sql`TRUE`;
  const words = query.split(/\s+/).slice(0, 5);
  const exact = [query, query.toLowerCase()];
  const asNumber = numericId(query);
  if (asNumber !== null) exact.push(String(asNumber));
  const idMatch = asNumber !== null && asNumber <= 2_147_483_647 ? Prisma.sql` UNION SELECT ${asNumber}::int` : Prisma.empty;
  // A UNION of id sets (not ORs across tables) lets Postgres use each index: a BitmapOr of the
  // trigram indexes for the words, the identities value index for the exact match.
  return Prisma.sql`c.id IN (
    SELECT t.id FROM customers t WHERE ${Prisma.join(
      words.map((w) => wordMatch(w)),
      " AND ",
    )}
    UNION SELECT i.customer_id FROM identities i WHERE i.value IN (${Prisma.join(exact)})${idMatch})`;
}

function wordMatch(word: string): Prisma.Sql {
  const pattern = `%${escapeLike(word)}%`;
  return Prisma.sql`(t.first_name ILIKE ${pattern} OR t.last_name ILIKE ${pattern} OR t.email ILIKE ${pattern})`;
}

/** "17850", "17850.0" or "#17850" → 17850; anything else → null. */
function numericId(q: string): number | null {
  const m = /^#?(\d{1,15})(?:\.0+)?$/.exec(q);
  return m?.[1] ? Number(m[1]) : null;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
