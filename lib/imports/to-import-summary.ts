import type { ImportJobSummary } from "./schemas";
import type { ImportStatus } from "../generated/prisma/enums";

export const importJobSelect = {
  id: true,
  kind: true,
  fileName: true,
  dryRun: true,
  status: true,
  progress: true,
  phase: true,
  rowsRead: true,
  imported: true,
  updated: true,
  cancelRequestedAt: true,
  alreadyPresent: true,
  withoutCustomer: true,
  rejected: true,
  error: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  details: true,
  createdBy: { select: { email: true } },
} as const;

interface ImportJobRow extends Omit<
  ImportJobSummary,
  "createdAt" | "startedAt" | "finishedAt" | "createdBy" | "status" | "cancelRequested" | "details"
> {
  details: unknown;
  cancelRequestedAt: Date | null;
  status: ImportStatus;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  createdBy: { email: string } | null;
}

/** A job row as JSON-friendly data for the API and the client. */
export function toImportSummary(job: ImportJobRow): ImportJobSummary {
  const { cancelRequestedAt, ...rest } = job;
  return {
    ...rest,
    cancelRequested: cancelRequestedAt !== null,
    details: toDetails(job.details),
    createdBy: job.createdBy?.email ?? null,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

/** The stored figures, numbers only (older rows have none). */
function toDetails(value: unknown): Record<string, number> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, number] => typeof e[1] === "number"));
}
