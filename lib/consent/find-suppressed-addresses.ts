import { db } from "../db";
import { addressHash } from "./installation-secret";

/** Of `emails`, those on the suppression list (as given). Every send calls it for its recipients. */
export async function findSuppressedAddresses(options: { emails: readonly string[] }): Promise<Set<string>> {
  if (options.emails.length === 0) return new Set();
  const byHash = new Map(options.emails.map((e) => [addressHash(e), e]));
  const rows = await db.suppression.findMany({ where: { addressHash: { in: [...byHash.keys()] } }, select: { addressHash: true } });
  return new Set(rows.map((r) => byHash.get(r.addressHash)!));
}
