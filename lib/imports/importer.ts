import type { Actor } from "../audit/write-audit-log";
import type { ImportCounts, ImportOptions, ImportProgress } from "./format-schemas";

export interface ImporterOptions {
  importJobId: string;
  filePath: string;
  /** Validate and count only: nothing is written but the rejections. */
  dryRun: boolean;
  signal?: AbortSignal;
  /** The name the file had for the user (uploads are stored under another name). */
  fileName: string;
  /** How to read the file (import_jobs.options). */
  options: ImportOptions;
  progress: (p: ImportProgress) => void;
  /** Who runs the import (the user who started it, or the CLI/worker): recorded where a row names its author. */
  actor: Actor;
}

export interface ImporterResult {
  counts: ImportCounts;
  /** Extra figures for the report (customers created, …). */
  details: Record<string, number>;
  /** Customers this import created or changed: what per-customer features must recompute (see after-import.ts). */
  touchedCustomerIds?: number[];
}

/** One file format's import: reads the file, stores what is new, reports counts. */
export type Importer = (opts: ImporterOptions) => Promise<ImporterResult>;
