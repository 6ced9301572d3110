import type { Prisma } from "../db";
import { identifierKey, type Identifier } from "./identifier";
import { blocklistForms } from "./normalize-identifier";

/**
 * Set-based creation of the profiles a batch introduces: calls none of whose identifiers is known
 * yet are grouped by the identifiers they share (one person calling several times), and each group
 * becomes one new profile, with every customer and identity inserted in two statements. Groups that
 * need a decision — a blocklisted or junk identifier, two external ids from one source — are left
 * to resolveProfile. Fills `owner` (identifier key → customer id) for the new identifiers.
 */
export async function createNewProfiles(options: {
  tx: Prisma.TransactionClient;
  calls: { identifiers: Identifier[] }[];
  owner: Map<string, number>;
  blocklist: string[];
}): Promise<number> {
  const { tx, owner } = options;
  const blocklist = new Set(options.blocklist.map((v) => v.toLowerCase()));
  const candidates = options.calls.filter(
    (c) =>
      c.identifiers.length > 0 &&
      c.identifiers.every(
        (i) => !owner.has(identifierKey(i)) && (i.type === "external_id" || !blocklistForms(i.value).some((v) => blocklist.has(v))),
      ),
  );
  if (!candidates.length) return 0;
  const keys = [...new Set(candidates.flatMap((c) => c.identifiers.map(identifierKey)))];
  const flagged = await tx.$queryRaw<{ key: string }[]>`
    SELECT type || chr(31) || source || chr(31) || value AS key FROM identity_flags
    WHERE kind = 'junk' AND (type || chr(31) || source || chr(31) || value) = ANY(${keys}::text[])`;
  const junk = new Set(flagged.map((f) => f.key));

  // Union-find over identifier keys: calls sharing any identifier are one person.
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(k, root);
    return root;
  };
  const groups = new Map<string, Map<string, Identifier>>();
  for (const c of candidates) {
    if (c.identifiers.some((i) => junk.has(identifierKey(i)))) continue;
    const ks = c.identifiers.map(identifierKey);
    for (const k of ks) if (!parent.has(k)) parent.set(k, k);
    for (const k of ks.slice(1)) parent.set(find(k), find(ks[0]!));
  }
  for (const c of candidates) {
    if (!parent.has(identifierKey(c.identifiers[0]!))) continue;
    const root = find(identifierKey(c.identifiers[0]!));
    const group = groups.get(root) ?? new Map<string, Identifier>();
    for (const i of c.identifiers) group.set(identifierKey(i), i);
    groups.set(root, group);
  }
  const clean = [...groups.values()].filter((g) => {
    const sources = [...g.values()].filter((i) => i.type === "external_id").map((i) => i.source);
    return new Set(sources).size === sources.length;
  });
  if (!clean.length) return 0;

  const emails = clean.map((g) => [...g.values()].find((i) => i.type === "email")?.value ?? null);
  const phones = clean.map((g) => [...g.values()].find((i) => i.type === "phone")?.value ?? null);
  // Ids drawn first, so each group knows its own (RETURNING promises no order).
  const drawn = await tx.$queryRaw<
    { id: number }[]
  >`SELECT nextval(pg_get_serial_sequence('customers', 'id'))::int AS id FROM generate_series(1, ${clean.length}::int)`;
  const ids = drawn.map((d) => d.id);
  await tx.$executeRaw`
    INSERT INTO customers (id, email, phone, updated_at)
    SELECT i, e, p, now() FROM unnest(${ids}::int[], ${emails}::text[], ${phones}::text[]) AS u(i, e, p)`;
  const rows = clean.flatMap((g, j) => [...g.values()].map((i) => ({ ...i, customerId: ids[j]! })));
  await tx.$executeRaw`
    INSERT INTO identities (customer_id, type, source, value)
    SELECT c, t::"IdentityType", s, v FROM unnest(${rows.map((r) => r.customerId)}::int[], ${rows.map((r) => r.type)}::text[], ${rows.map((r) => r.source)}::text[], ${rows.map((r) => r.value)}::text[]) AS u(c, t, s, v)
    ON CONFLICT (type, source, value) DO NOTHING`;
  for (const r of rows) owner.set(identifierKey(r), r.customerId);
  return clean.length;
}
