import { access, rm } from "node:fs/promises";
import { systemActor, writeAuditLog, type Actor } from "../audit/write-audit-log";
import { db } from "../db";
import { AppError, isAppError } from "../errors";
import { createProgressReporter } from "./create-progress-reporter";
import type { Importer } from "./importer";
import { importConsentFile } from "./formats/consent/import-consent-file";
import { importMailchimp } from "./formats/mailchimp/import-mailchimp";
import { importMappedCsv } from "./formats/mapped/import-mapped-csv";
import { importOnlineRetail } from "./formats/online-retail/import-online-retail";
import { importProductCatalogue } from "./formats/products/import-product-catalogue";
import { notifyImportedCustomers } from "../segments/notify-imported-customers";
import { purgeExpiredRejections } from "./purge-expired-rejections";
import { refreshImportedFeatures } from "./refresh-imported-features";
import { importKindSchema, importOptionsSchema, type ImportCounts, type ImportKind, type ImportProgress } from "./format-schemas";
import { importShopifyCustomers } from "./formats/shopify/import-shopify-customers";
import { importShopifyOrders } from "./formats/shopify/import-shopify-orders";
import { importSuppressionFile } from "./formats/suppressions/import-suppression-file";
import { watchCancelRequest } from "./watch-cancel-request";

const importers: Record<ImportKind, Importer> = {
  "online-retail": importOnlineRetail,
  "shopify-customers": importShopifyCustomers,
  "shopify-orders": importShopifyOrders,
  mailchimp: importMailchimp,
  csv: importMappedCsv,
  "product-catalogue": importProductCatalogue,
  consent: importConsentFile,
  suppressions: importSuppressionFile,
};

export interface ImportReport extends ImportCounts {
  id: string;
  kind: string;
  fileName: string;
  dryRun: boolean;
  startedAt: Date;
  finishedAt: Date;
  details: Record<string, number>;
  /** Customers created or changed (what feature updates need). */
  touchedCustomerIds: number[];
}

const ZERO: ImportCounts = { rowsRead: 0, imported: 0, updated: 0, alreadyPresent: 0, withoutCustomer: 0, rejected: 0 };

function describeFailure(e: unknown, signal?: AbortSignal): string {
  if (signal?.aborted) return "The import was cancelled before it finished; nothing was merged. Run it again.";
  if (isAppError(e)) return e.message;
  return `The import stopped on an unexpected error: ${e instanceof Error ? e.message : String(e)}`;
}

/**
 * Runs one import_jobs row from start to finish, the same way for the CLI and the worker: marks it
 * running, imports with progress, stores the report (or the error), writes one audit-log entry.
 * `actor` defaults to the user who created the import, else the worker. Throws when the import fails.
 */
export async function runImport(opts: {
  importJobId: string;
  filePath: string;
  actor?: Actor;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void | Promise<unknown>;
}): Promise<ImportReport> {
  const job = await db.importJob.findUnique({
    where: { id: opts.importJobId },
    select: {
      id: true,
      kind: true,
      fileName: true,
      dryRun: true,
      options: true,
      status: true,
      cancelRequestedAt: true,
      createdBy: { select: { id: true, email: true } },
    },
  });
  if (!job) throw new AppError("not_found", `Import ${opts.importJobId} does not exist.`);
  const actor = opts.actor ?? (job.createdBy ? { id: job.createdBy.id, label: job.createdBy.email } : systemActor("worker"));
  const options = importOptionsSchema.parse(job.options ?? {});
  const removeFile = async () => {
    if (options.deleteFileAfter) await rm(opts.filePath, { force: true }).catch(() => undefined);
  };
  if (job.status === "cancelled" || job.cancelRequestedAt) {
    await removeFile();
    throw new AppError("conflict", `Import ${job.id} was cancelled before it started.`);
  }
  await purgeExpiredRejections().catch(() => undefined);
  const startedAt = new Date();
  await db.importRejection.deleteMany({ where: { importJobId: job.id } });
  await db.importJob.update({
    where: { id: job.id },
    data: { status: "running", phase: "starting", progress: 0, ...ZERO, error: null, startedAt, finishedAt: null },
  });
  const reporter = createProgressReporter({ importJobId: job.id, onProgress: opts.onProgress });
  const audit = (status: string, after: Record<string, unknown>) =>
    writeAuditLog({
      actor,
      action: `import.${status}`,
      targetType: "import_job",
      targetId: job.id,
      after: { kind: job.kind, fileName: job.fileName, dryRun: job.dryRun, ...after },
    });

  const cancel = watchCancelRequest({ importJobId: job.id, parent: opts.signal });
  const signal = cancel.signal;
  // An unexpected error is retried by the queue: the file must still be there for the retry.
  let keepFile = false;
  try {
    const kind = importKindSchema.safeParse(job.kind);
    const importer = kind.success ? importers[kind.data] : undefined;
    if (!importer) throw new AppError("unprocessable", `Tailor cannot import files of kind "${job.kind}".`);
    await access(opts.filePath).catch(() => {
      throw new AppError("not_found", `File not found: ${opts.filePath}`);
    });
    const {
      counts,
      details,
      touchedCustomerIds = [],
    } = await importer({
      importJobId: job.id,
      filePath: opts.filePath,
      fileName: job.fileName,
      options,
      dryRun: job.dryRun,
      signal,
      progress: (p) => reporter.report(p),
      actor,
    });
    if (!job.dryRun && touchedCustomerIds.length > 0) {
      reporter.report({ phase: "features", percent: 99, rowsRead: counts.rowsRead });
      details.featuresRefreshed = await refreshImportedFeatures({ customerIds: touchedCustomerIds });
    }
    reporter.report({ phase: "done", percent: 100, rowsRead: counts.rowsRead });
    await reporter.flush();
    const finishedAt = new Date();
    await db.importJob.update({
      where: { id: job.id },
      data: { status: "succeeded", phase: "done", progress: 100, ...counts, details, finishedAt },
    });
    await audit("succeeded", { ...counts, details });
    if (!job.dryRun) await notifyImportedCustomers({ since: startedAt, customerIds: touchedCustomerIds });
    return {
      id: job.id,
      kind: job.kind,
      fileName: job.fileName,
      dryRun: job.dryRun,
      ...counts,
      startedAt,
      finishedAt,
      details,
      touchedCustomerIds,
    };
  } catch (e) {
    await reporter.flush();
    const status = signal.aborted ? "cancelled" : "failed";
    keepFile = status === "failed" && !isAppError(e);
    const error = describeFailure(e, signal);
    await db.importJob.update({ where: { id: job.id }, data: { status, phase: status, error, finishedAt: new Date() } });
    await audit(status, { error });
    throw signal.aborted && !isAppError(e) ? new AppError("unprocessable", error) : e;
  } finally {
    cancel.stop();
    if (!keepFile) await removeFile();
  }
}
