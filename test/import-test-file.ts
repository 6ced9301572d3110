import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { systemActor } from "../lib/audit/write-audit-log";
import { db } from "../lib/db";
import { createImportRecord } from "../lib/imports/create-import-record";
import { runImport } from "../lib/imports/run-import";
import type { ImportKind, ImportOptions, ImportProgress } from "../lib/imports/format-schemas";

/** Test helper: writes `content` to a fresh temporary file and returns its path. */
export async function writeTestFile(name: string, content: string | Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "tailor-import-test-"));
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

/** Test helper: writes the file, then imports it the way the CLI and the worker do. */
export async function importTestFile(opts: {
  kind: ImportKind;
  name: string;
  content: string | Buffer;
  options?: Partial<ImportOptions>;
  dryRun?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
}) {
  const filePath = await writeTestFile(opts.name, opts.content);
  const { id } = await createImportRecord({ kind: opts.kind, fileName: opts.name, dryRun: opts.dryRun, options: opts.options });
  return runImport({ importJobId: id, filePath, actor: systemActor("cli"), signal: opts.signal, onProgress: opts.onProgress });
}

export async function rejectionsOf(importJobId: string) {
  return db.importRejection.findMany({
    where: { importJobId },
    orderBy: [{ rowNumber: "asc" }, { id: "asc" }],
    select: { rowNumber: true, field: true, reason: true, raw: true },
  });
}

export async function customerByEmail(email: string) {
  const identity = await db.identity.findUnique({
    where: { type_source_value: { type: "email", source: "", value: email } },
    include: { customer: { include: { identities: { orderBy: { id: "asc" } }, consents: { orderBy: { id: "asc" } } } } },
  });
  return identity?.customer ?? null;
}
