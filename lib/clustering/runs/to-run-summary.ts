import type { ClusterRunStatus as DbStatus } from "../../generated/prisma/enums";
import { storedRunParams, type ClusterAlgorithm, type ClusterResults, type ClusterRunDetail, type ClusterRunSummary } from "./schemas";

export const clusterRunSelect = {
  id: true,
  name: true,
  algorithm: true,
  params: true,
  status: true,
  progress: true,
  phase: true,
  error: true,
  cancelRequestedAt: true,
  createdByEmail: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  population: true,
  k: true,
  clusterNames: true,
} as const;

interface RunRow {
  id: string;
  name: string;
  algorithm: string;
  params: unknown;
  status: DbStatus;
  progress: number;
  phase: string;
  error: string | null;
  cancelRequestedAt: Date | null;
  createdByEmail: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  population: number | null;
  k: number | null;
  clusterNames: string[];
}

/** A run row as JSON-friendly data for the API and the client. */
export function toRunSummary(row: RunRow): ClusterRunSummary {
  return {
    id: row.id,
    name: row.name,
    algorithm: row.algorithm as ClusterAlgorithm,
    status: row.status,
    progress: row.progress,
    phase: row.phase,
    error: row.error,
    cancelRequested: row.cancelRequestedAt !== null,
    createdBy: row.createdByEmail,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    population: row.population,
    k: row.k,
    clusterNames: row.clusterNames,
    params: storedRunParams(row.params),
  };
}

export function toRunDetail(row: RunRow & { results: unknown }): ClusterRunDetail {
  return { ...toRunSummary(row), results: (row.results as ClusterResults | null) ?? null };
}
