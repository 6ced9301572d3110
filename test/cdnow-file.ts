import { existsSync } from "node:fs";
import path from "node:path";
import { harnessEnv } from "../lib/env";

/**
 * The CDNOW summary of Fader, Hardie & Lee (2005) — 2,357 customers' (x, t_x, T) in weeks over the
 * 39-week calibration period, as distributed with the lifetimes package (`cdnow_customers.csv`:
 * columns ID, x, t_x, T separated by spaces). Not part of the repository: CDNOW_CUSTOMERS_CSV, or
 * data/cdnow_customers.csv in the repository (ignored by git), or ../shared/data/cdnow_customers.csv.
 * The test that needs it is skipped, and says so, when it is absent.
 */
export const CDNOW_CUSTOMERS_CSV =
  harnessEnv().CDNOW_CUSTOMERS_CSV ??
  [
    path.resolve(import.meta.dirname, "..", "data", "cdnow_customers.csv"),
    path.resolve(import.meta.dirname, "..", "..", "shared", "data", "cdnow_customers.csv"),
  ].find((p) => existsSync(p)) ??
  path.resolve(import.meta.dirname, "..", "data", "cdnow_customers.csv");
