import { writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db } from "../db";
import type { ColumnMapping } from "./format-schemas";

/** Saves (or replaces) a named column mapping for later files. */
export async function saveImportMapping(opts: { name: string; mapping: ColumnMapping; actor: Actor }): Promise<{ id: string }> {
  const before = await db.importMapping.findUnique({ where: { name: opts.name }, select: { mapping: true } });
  const saved = await db.importMapping.upsert({
    where: { name: opts.name },
    create: { name: opts.name, target: opts.mapping.target, mapping: opts.mapping, createdById: opts.actor.id },
    update: { target: opts.mapping.target, mapping: opts.mapping },
    select: { id: true },
  });
  await writeAuditLog({
    actor: opts.actor,
    action: before ? "import_mapping.updated" : "import_mapping.created",
    targetType: "import_mapping",
    targetId: saved.id,
    before: before?.mapping,
    after: opts.mapping,
  });
  return saved;
}
