import { db } from "../db";
import { columnMappingSchema } from "./format-schemas";
import type { SavedMapping } from "./uploads/schemas";

/** Saved column mappings, most recently used first. */
export async function listImportMappings(): Promise<SavedMapping[]> {
  const rows = await db.importMapping.findMany({ orderBy: { updatedAt: "desc" }, take: 100 });
  return rows.flatMap((r) => {
    const mapping = columnMappingSchema.safeParse(r.mapping);
    return mapping.success
      ? [{ id: r.id, name: r.name, target: mapping.data.target, mapping: mapping.data, updatedAt: r.updatedAt.toISOString() }]
      : [];
  });
}
