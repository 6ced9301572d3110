import { db } from "../db";

export interface TemplateListRow {
  id: string;
  name: string;
  fromGallery: string | null;
  updatedAt: Date;
  versions: number;
  latest: { id: string; number: number; subject: string; compileMode: string; createdAt: Date } | null;
}

/** Every template, most recently changed first, with its latest version's subject. */
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
        select: { id: true, number: true, subject: true, compileMode: true, createdAt: true },
      },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    fromGallery: r.fromGallery,
    updatedAt: r.updatedAt,
    versions: r._count.versions,
    latest: r.versions[0] ?? null,
  }));
}
