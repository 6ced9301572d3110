import type { Actor } from "../audit/write-audit-log";
import type { Prisma } from "../db";
import { flagIdentifier } from "./flag-identifier";
import type { IdentitySettings } from "./get-identity-settings";
import { describeIdentifier, identifierKey, type Identifier } from "./identifier";
import { mergeCustomers } from "./merge-customers";
import { blocklistForms } from "./normalize-identifier";

type Tx = Prisma.TransactionClient;

interface Profile {
  id: number;
  createdAt: Date;
  /** source → external id */
  externalIds: Map<string, string>;
}

export interface Resolution {
  customerId: number;
  /** Profiles folded into customerId (their ids no longer exist). */
  mergedIds: number[];
  created: boolean;
}

async function loadProfiles(tx: Tx, ids: number[]): Promise<Map<number, Profile>> {
  const rows = await tx.customer.findMany({
    where: { id: { in: ids } },
    select: { id: true, createdAt: true, identities: { where: { type: "external_id" }, select: { source: true, value: true } } },
  });
  return new Map(
    rows.map((r) => [r.id, { id: r.id, createdAt: r.createdAt, externalIds: new Map(r.identities.map((i) => [i.source, i.value])) }]),
  );
}

const linkPriority: Record<Identifier["type"], number> = { email: 0, phone: 1, anonymous_id: 2, external_id: 3 };

const older = (a: Profile, b: Profile) => (a.createdAt.getTime() !== b.createdAt.getTime() ? a.createdAt < b.createdAt : a.id < b.id);

function clash(a: Profile, b: Profile): string | null {
  for (const [source, value] of a.externalIds) {
    const other = b.externalIds.get(source);
    if (other !== undefined && other !== value) return source;
  }
  return null;
}

/**
 * The one profile a set of identifiers belongs to, inside the caller's transaction. Creates it when
 * none is known; attaches identifiers it has not seen; merges profiles that turn out to share an
 * identifier (the older survives). Never merges on two different external ids from one source
 * (flagged "conflict"), on a blocklisted identifier, or on one that would fold more than
 * `maxProfilesPerIdentifier` profiles together (flagged "junk"), nor a pair an admin has un-merged.
 */
export async function resolveProfile(options: {
  tx: Tx;
  identifiers: Identifier[];
  settings: IdentitySettings;
  actor: Actor;
}): Promise<Resolution> {
  const { tx, settings, actor } = options;
  const blocklist = new Set(settings.blocklist.map((v) => v.toLowerCase()));
  const unique = new Map(options.identifiers.map((i) => [identifierKey(i), i]));

  // Junk: blocklisted, or already flagged junk. Such identifiers are neither attached nor merged on.
  const junkFlags = await tx.identityFlag.findMany({
    where: { kind: "junk", OR: [...unique.values()].map((i) => ({ type: i.type, source: i.source, value: i.value })) },
    select: { type: true, source: true, value: true },
  });
  const flaggedJunk = new Set(
    junkFlags.map((f) => identifierKey({ type: f.type as Identifier["type"], source: f.source, value: f.value })),
  );
  const usable: Identifier[] = [];
  for (const [key, i] of unique) {
    if (i.type !== "external_id" && blocklistForms(i.value).some((v) => blocklist.has(v))) {
      await flagIdentifier({ tx, kind: "junk", identifier: i, customerIds: [], detail: "On the identifier blocklist: never merged on." });
    } else if (!flaggedJunk.has(key)) {
      usable.push(i);
    }
  }
  if (!usable.length) throw new Error("The call has no usable identifier (every one is on the blocklist or flagged as junk).");

  const known = await tx.identity.findMany({
    where: { OR: usable.map((i) => ({ type: i.type, source: i.source, value: i.value })) },
    select: { customerId: true, type: true, source: true, value: true },
  });
  const owner = new Map(known.map((k) => [identifierKey(k), k.customerId]));
  const profiles = await loadProfiles(tx, [...new Set(owner.values())]);
  const userId = usable.find((i) => i.type === "external_id");

  let anchor: Profile | undefined;
  let created = false;
  const create = async (ids: Identifier[]): Promise<Profile> => {
    const email = ids.find((i) => i.type === "email")?.value ?? null;
    const phone = ids.find((i) => i.type === "phone")?.value ?? null;
    const customer = await tx.customer.create({ data: { email, phone }, select: { id: true, createdAt: true } });
    created = true;
    return { ...customer, externalIds: new Map() };
  };
  if (userId && owner.has(identifierKey(userId))) {
    anchor = profiles.get(owner.get(identifierKey(userId))!);
  } else if (userId && [...profiles.values()].some((p) => p.externalIds.has(userId.source))) {
    // The userId is new, but a profile these identifiers point to already has another one from the
    // same source (a shared device, a reused email): the userId gets a profile of its own.
    anchor = await create([userId]);
    anchor.externalIds.set(userId.source, userId.value);
  }
  if (!anchor) {
    const found = [...profiles.values()].sort((a, b) => (older(a, b) ? -1 : 1));
    anchor = found[0] ?? (await create(usable));
  }
  let current: Profile = anchor;

  const mergedIds: number[] = [];
  const skipped = new Set<number>();
  const others = [...profiles.values()].filter((p) => p.id !== current.id).sort((a, b) => (older(a, b) ? -1 : 1));
  for (const other of others) {
    // The identifier they share: the call's most personal identifier owned by either side.
    const side = new Set([current.id, other.id, ...mergedIds]);
    const link = usable
      .filter((i) => side.has(owner.get(identifierKey(i)) ?? -1))
      .sort((a, b) => linkPriority[a.type] - linkPriority[b.type])[0]!;
    const pair = [current.id, other.id].sort((a, b) => a - b);
    const undone = await tx.customerMerge.count({
      where: {
        undoneAt: { not: null },
        OR: [
          { survivorId: pair[0], mergedId: pair[1] },
          { survivorId: pair[1], mergedId: pair[0] },
        ],
      },
    });
    const source = clash(current, other);
    if (undone || source !== null) {
      await flagIdentifier({
        tx,
        kind: "conflict",
        identifier: link,
        customerIds: pair,
        detail: undone
          ? "An admin undid the merge of these profiles; they are kept apart."
          : `The profiles have different external ids from ${source}; they are kept apart.`,
      });
      skipped.add(other.id);
      continue;
    }
    const folded = await tx.customerMerge.count({
      where: { identifierType: link.type, identifierSource: link.source, identifierValue: link.value, undoneAt: null },
    });
    if (folded + 2 > settings.maxProfilesPerIdentifier) {
      await flagIdentifier({
        tx,
        kind: "junk",
        identifier: link,
        customerIds: pair,
        detail: `Shared by more than ${settings.maxProfilesPerIdentifier} profiles: no longer merged on.`,
      });
      skipped.add(other.id);
      continue;
    }
    const [survivor, loser]: [Profile, Profile] = older(current, other) ? [current, other] : [other, current];
    await mergeCustomers({
      tx,
      survivorId: survivor.id,
      mergedId: loser.id,
      identifier: link,
      reason: `Both profiles use ${describeIdentifier(link)}.`,
      actor,
    });
    for (const [s, v] of loser.externalIds) if (!survivor.externalIds.has(s)) survivor.externalIds.set(s, v);
    mergedIds.push(loser.id);
    current = survivor;
  }

  const attach = usable.filter((i) => {
    if (owner.has(identifierKey(i))) return false;
    return !(i.type === "external_id" && current.externalIds.has(i.source) && current.externalIds.get(i.source) !== i.value);
  });
  if (attach.length) {
    await tx.identity.createMany({
      data: attach.map((i) => ({ customerId: current.id, type: i.type, source: i.source, value: i.value })),
      skipDuplicates: true,
    });
  }
  return { customerId: current.id, mergedIds, created };
}
