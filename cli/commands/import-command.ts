import { access, readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { systemActor } from "../../lib/audit/write-audit-log";
import { db } from "../../lib/db";
import { AppError } from "../../lib/errors";
import { createImportRecord } from "../../lib/imports/create-import-record";
import { runImport, type ImportReport } from "../../lib/imports/run-import";
import {
  columnMappingSchema,
  dateOrderSchema,
  encodingSchema,
  importKindSchema,
  type ImportOptions,
} from "../../lib/imports/format-schemas";
import { formatRows } from "../format-number";
import { prepareDatabase } from "../prepare-database";
import { createProgressLine } from "../progress-line";
import { UsageError } from "../usage-error";

const unit = (kind: string) =>
  kind === "online-retail" || kind === "shopify-orders"
    ? "order lines"
    : kind === "csv"
      ? "records"
      : kind === "product-catalogue"
        ? "products"
        : kind === "consent"
          ? "consent records"
          : kind === "suppressions"
            ? "addresses"
            : "customers";

async function readMapping(file: string): Promise<ImportOptions["mapping"]> {
  const text = await readFile(path.resolve(file), "utf8").catch(() => {
    throw new AppError("not_found", `Mapping file not found: ${path.resolve(file)}`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new AppError("unprocessable", `The mapping file is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = columnMappingSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "mapping"}: ${i.message}`).join("; ");
    throw new AppError(
      "unprocessable",
      `The mapping file is not a valid mapping (${issues}). Example: {"target":"customers","columns":{"E-mail":"email","Name":"first_name"}}`,
    );
  }
  return parsed.data;
}

async function printReport(report: ImportReport): Promise<void> {
  const seconds = ((report.finishedAt.getTime() - report.startedAt.getTime()) / 1000).toFixed(1);
  const lines = [
    `${report.dryRun ? "Dry run (nothing stored)" : "Import"} ${report.id}: ${report.fileName}, done in ${seconds} s`,
    formatRows([
      ["rows read", report.rowsRead],
      [report.dryRun ? "would be imported" : "imported", report.imported, unit(report.kind)],
      [
        "updated",
        report.updated,
        report.kind === "product-catalogue" ? "products already stored that changed" : "customers already stored that changed",
      ],
      ["already present", report.alreadyPresent, `${unit(report.kind)} already stored`],
      ["without customer", report.withoutCustomer, "rows without email or id: not stored"],
      ["rejected", report.rejected, report.rejected ? "unreadable rows (first ones below)" : ""],
      ...(report.details.rowsWithSkippedFields
        ? [
            ["field skipped", report.details.rowsWithSkippedFields, "rows imported without a field they could not read (below)"] as [
              string,
              number,
              string,
            ],
          ]
        : []),
    ]),
  ];
  const created = Object.entries(report.details).map(
    ([k, v]) => `${k.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)} ${v.toLocaleString("en-GB")}`,
  );
  if (created.length > 0) lines.push(`  (${created.join(", ")})`);
  const rejections = await db.importRejection.findMany({
    where: { importJobId: report.id },
    orderBy: [{ rowNumber: "asc" }, { id: "asc" }],
    take: 10,
  });
  for (const r of rejections) lines.push(`  row ${r.rowNumber}, ${r.field}: ${r.reason}${r.kept ? " (field skipped, row imported)" : ""}`);
  console.log(lines.join("\n"));
}

/** tailor import online-retail <file> [--dry-run]: runs the import in this process, like the worker would. */
export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      "dry-run": { type: "boolean", default: false },
      mapping: { type: "string" },
      encoding: { type: "string", default: "auto" },
      "date-order": { type: "string", default: "auto" },
    },
  });
  const [kindArg, file, ...extra] = positionals;
  const kind = importKindSchema.safeParse(kindArg);
  if (!kind.success) throw new UsageError(`import: give the kind of file (${importKindSchema.options.join(", ")}), then its path.`);
  if (!file || extra.length > 0) throw new UsageError("import: give exactly one file, e.g. import online-retail ./online-retail.csv");
  const filePath = path.resolve(file);
  await access(filePath).catch(() => {
    throw new AppError("not_found", `File not found: ${filePath}`);
  });

  const encoding = encodingSchema.safeParse(values.encoding);
  if (!encoding.success) throw new UsageError(`import: --encoding is one of ${encodingSchema.options.join(", ")}.`);
  const dateOrder = dateOrderSchema.safeParse(values["date-order"]);
  if (!dateOrder.success)
    throw new UsageError(`import: --date-order is one of ${dateOrderSchema.options.join(", ")} (us = M/D/YYYY, eu = D/M/YYYY).`);
  if (kind.data === "csv" && !values.mapping)
    throw new UsageError("import csv: give the column mapping, --mapping mapping.json (see the README).");
  const options: Partial<ImportOptions> = {
    encoding: encoding.data,
    dateOrder: dateOrder.data,
    ...(values.mapping ? { mapping: await readMapping(values.mapping) } : {}),
  };

  await prepareDatabase();
  const { id } = await createImportRecord({ kind: kind.data, fileName: path.basename(filePath), dryRun: values["dry-run"], options });
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write("\nCancelling the import (Ctrl-C again to quit at once)…\n");
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  const progress = createProgressLine({ label: values["dry-run"] ? "Checking" : "Importing" });
  try {
    const report = await runImport({
      importJobId: id,
      filePath,
      actor: systemActor("cli"),
      signal: controller.signal,
      onProgress: (p) => progress.update(p),
    });
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
