import type { ImportCounts, ImportProgress } from "./schemas";

export interface ImporterOptions {
  importJobId: string;
  filePath: string;
  /** Validate and count only: nothing is written but the rejections. */
  dryRun: boolean;
  signal?: AbortSignal;
  progress: (p: ImportProgress) => void;
}

export interface ImporterResult {
  counts: ImportCounts;
  /** Extra figures for the report (customers created, …). */
  details: Record<string, number>;
}

/** One file format's import: reads the file, stores what is new, reports counts. */
export type Importer = (opts: ImporterOptions) => Promise<ImporterResult>;
