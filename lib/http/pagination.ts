import { z } from "zod";

/** A 1-based page number from the URL; anything invalid becomes page 1. Client-safe. */
export const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

export interface PageInfo {
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
}

export function pageInfo(options: { page: number; pageSize: number; total: number }): PageInfo {
  const pageCount = Math.max(1, Math.ceil(options.total / options.pageSize));
  return { page: options.page, pageSize: options.pageSize, total: options.total, pageCount };
}
