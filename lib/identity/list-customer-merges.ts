import { db } from "../db";

/** The merges a profile took part in (as survivor or as the merged one), newest first, and the flags naming it. */
export async function listCustomerMerges(options: { customerId: number }) {
  const [merges, flags] = await Promise.all([
    db.customerMerge.findMany({
      where: { OR: [{ survivorId: options.customerId }, { mergedId: options.customerId }] },
      orderBy: { createdAt: "desc" },
      take: 50,
      select: {
        id: true,
        survivorId: true,
        mergedId: true,
        identifierType: true,
        identifierSource: true,
        identifierValue: true,
        reason: true,
        actorLabel: true,
        createdAt: true,
        undoneAt: true,
        undoneBy: true,
        movedEventIds: true,
        movedIdentityIds: true,
      },
    }),
    db.identityFlag.findMany({
      where: { customerIds: { has: options.customerId } },
      orderBy: { updatedAt: "desc" },
      take: 20,
      select: {
        id: true,
        kind: true,
        type: true,
        source: true,
        value: true,
        detail: true,
        count: true,
        customerIds: true,
        updatedAt: true,
      },
    }),
  ]);
  return {
    merges: merges.map(({ movedEventIds, movedIdentityIds, ...m }) => ({
      ...m,
      movedEvents: movedEventIds.length,
      movedIdentities: movedIdentityIds.length,
    })),
    flags,
  };
}

export type CustomerMerges = Awaited<ReturnType<typeof listCustomerMerges>>;
