import { db } from "../db";

/** A customer's whole consent history, newest first, with who recorded each entry. */
export async function listConsentTimeline(options: { customerId: number }) {
  return db.consentRecord.findMany({
    where: { customerId: options.customerId },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      purpose: true,
      status: true,
      source: true,
      occurredAt: true,
      proof: true,
      createdAt: true,
      recordedBy: { select: { email: true } },
    },
  });
}
export type ConsentTimelineEntry = Awaited<ReturnType<typeof listConsentTimeline>>[number];
