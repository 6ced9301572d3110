import { db } from "../db";

/** The latest data subject requests (pseudonymous reference, kind, who asked, who carried it out, when). */
export async function listDataSubjectRequests(options: { take?: number } = {}) {
  return db.dataSubjectRequest.findMany({
    orderBy: { createdAt: "desc" },
    take: options.take ?? 20,
    select: { id: true, kind: true, subjectRef: true, requestedBy: true, performedBy: true, createdAt: true },
  });
}
