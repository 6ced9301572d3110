import { z } from "zod";
import { pageSchema } from "../http/pagination";
import type { ImportStatus } from "../generated/prisma/enums";

export type { ImportStatus };

/** Shapes the imports API returns and the client reads; client-safe. */

export const importListQuerySchema = z.object({ page: pageSchema });
export const importRejectionsQuerySchema = z.object({ page: pageSchema });

export interface ImportJobSummary {
  id: string;
  kind: string;
  fileName: string;
  dryRun: boolean;
  status: ImportStatus;
  progress: number;
  phase: string;
  rowsRead: number;
  imported: number;
  /** Records already stored that the import changed. */
  updated: number;
  /** The cancel button was pressed; the run stops at its next check. */
  cancelRequested: boolean;
  alreadyPresent: number;
  withoutCustomer: number;
  rejected: number;
  /** Further figures of the run: customersCreated, financialStatusVoided, … */
  details: Record<string, number>;
  error: string | null;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ImportRejectionRow {
  id: string;
  rowNumber: number;
  field: string;
  reason: string;
  raw: string;
  /** true: the row was imported without this field (a warning); false: the row was rejected. */
  kept: boolean;
}

export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
}

export function isActiveImport(job: Pick<ImportJobSummary, "status">): boolean {
  return job.status === "queued" || job.status === "running";
}
