import { access } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { systemActor } from "../../lib/audit/write-audit-log";
import { db } from "../../lib/db";
import { AppError } from "../../lib/errors";
import { createImportRecord } from "../../lib/ingest/create-import-record";
import { runImport, type ImportReport } from "../../lib/ingest/run-import";
import { importKindSchema } from "../../lib/ingest/schemas";
import { formatRows } from "../format-number";
import { prepareDatabase } from "../prepare-database";
import { createProgressLine } from "../progress-line";
import { UsageError } from "../usage-error";

async function printReport(report: ImportReport): Promise<void> {
  const seconds = ((report.finishedAt.getTime() - report.startedAt.getTime()) / 1000).toFixed(1);
  const lines = [
    `${report.dryRun ? "Dry run (nothing stored)" : "Import"} ${report.id}: ${report.fileName}, done in ${seconds} s`,
    formatRows([
      ["rows read", report.rowsRead],
      [report.dryRun ? "would be imported" : "imported", report.imported, "order lines"],
      ["already present", report.alreadyPresent, "order lines already stored"],
      ["without customer", report.withoutCustomer, "rows without CustomerID: not stored"],
      ["rejected", report.rejected, report.rejected ? "unreadable rows (first ones below)" : ""],
    ]),
  ];
  const created = Object.entries(report.details).map(([k, v]) => `${k.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)} ${v.toLocaleString("en-GB")}`);
  if (created.length > 0) lines.push(`  (${created.join(", ")})`);
  const rejections = await db.importRejection.findMany({ where: { importJobId: report.id }, orderBy: [{ rowNumber: "asc" }, { id: "asc" }], take: 10 });
  for (const r of rejections) lines.push(`  row ${r.rowNumber}, ${r.field}: ${r.reason}`);
  console.log(lines.join("\n"));
}

/** tailor import online-retail <file> [--dry-run]: runs the import in this process, like the worker would. */
export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { "dry-run": { type: "boolean", default: false } } });
  const [kindArg, file, ...extra] = positionals;
  const kind = importKindSchema.safeParse(kindArg);
  if (!kind.success) throw new UsageError(`import: give the kind of file (${importKindSchema.options.join(", ")}), then its path.`);
  if (!file || extra.length > 0) throw new UsageError("import: give exactly one file, e.g. import online-retail ./online-retail.csv");
  const filePath = path.resolve(file);
  await access(filePath).catch(() => {
    throw new AppError("not_found", `File not found: ${filePath}`);
  });

  await prepareDatabase();
  const { id } = await createImportRecord({ kind: kind.data, fileName: path.basename(filePath), dryRun: values["dry-run"] });
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write("\nCancelling the import (Ctrl-C again to quit at once)…\n");
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  const progress = createProgressLine({ label: values["dry-run"] ? "Checking" : "Importing" });
  try {
    const report = await runImport({ importJobId: id, filePath, actor: systemActor("cli"), signal: controller.signal, onProgress: (p) => progress.update(p) });
    progress.done();
    await printReport(report);
    return 0;
  } catch (e) {
    progress.done();
    throw e;
  } finally {
    process.off("SIGINT", onSigint);
  }
}
