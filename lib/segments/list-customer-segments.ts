import { db } from "../db";

/** For the profile: the segments a customer is in, and their latest entries and exits. */
export async function listCustomerSegments(opts: { customerId: number }) {
  const [memberships, transitions] = await Promise.all([
    db.segmentMember.findMany({
      where: { customerId: opts.customerId },
      select: { enteredAt: true, segment: { select: { id: true, name: true } } },
      orderBy: { enteredAt: "desc" },
    }),
    db.segmentTransition.findMany({
      where: { customerId: opts.customerId },
      orderBy: { at: "desc" },
      take: 20,
      select: { id: true, kind: true, cause: true, at: true, segment: { select: { id: true, name: true } } },
    }),
  ]);
  return {
    memberships: memberships.map((m) => ({ segmentId: m.segment.id, name: m.segment.name, enteredAt: m.enteredAt })),
    transitions: transitions.map((t) => ({
      id: String(t.id),
      kind: t.kind,
      cause: t.cause,
      at: t.at,
      segmentId: t.segment.id,
      name: t.segment.name,
    })),
  };
}

/** The customer's RFM code and name, and every segment (for "why in or not in"). */
export async function getCustomerSegmentContext(opts: { customerId: number }) {
  const [features, segments] = await Promise.all([
    db.customerFeature.findUnique({ where: { customerId: opts.customerId }, select: { rfmCode: true, rfmSegment: true } }),
    db.segment.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" }, take: 200 }),
  ]);
  return { rfm: features ? { code: features.rfmCode, segment: features.rfmSegment } : null, segments };
}
