import { db } from "../db";

export interface TemplateListRow {
  id: string;
  name: string;
  fromGallery: string | null;
  updatedAt: Date;
  versions: number;
  latest: { id: string; number: number; subject: string; compileMode: string; createdAt: Date; draft: boolean } | null;
  /** The current version's number (the newest non-draft), or null when every version is a draft. */
  current: number | null;
}

/** Every template, most recently changed first, with its latest version's subject and its current version's number. */
export async function listTemplates(): Promise<TemplateListRow[]> {
  const rows = await db.emailTemplate.findMany({
    orderBy: { updatedAt: "desc" },
    select: {
      id: true,
      name: true,
      fromGallery: true,
      updatedAt: true,
      _count: { select: { versions: true } },
      versions: {
        orderBy: { number: "desc" },
        take: 1,
        select: { id: true, number: true, subject: true, compileMode: true, createdAt: true, draft: true },
      },
    },
  });
  const current = await db.emailTemplateVersion.groupBy({ by: ["templateId"], where: { draft: false }, _max: { number: true } });
  const currentOf = new Map(current.map((c) => [c.templateId, c._max.number]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    fromGallery: r.fromGallery,
    updatedAt: r.updatedAt,
    versions: r._count.versions,
    latest: r.versions[0] ?? null,
    current: currentOf.get(r.id) ?? null,
  }));
}
