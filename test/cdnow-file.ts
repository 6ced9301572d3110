import path from "node:path";
import { harnessEnv } from "../lib/env";

/**
 * The CDNOW summary of Fader, Hardie & Lee (2005): 2,357 customers' (x, t_x, T) in weeks over the
 * 39-week calibration period and the average value of their repeat purchases, committed as a fixture
 * (test/fixtures/cdnow/, with its source and licence in the README there). CDNOW_CUSTOMERS_CSV
 * points the test at another copy: the lifetimes package's `cdnow_customers.csv` (ID x t_x T,
 * space-separated) or the fixture's `ID,x,t_x,T,zbar` layout.
 */
export const CDNOW_CUSTOMERS_CSV =
  harnessEnv().CDNOW_CUSTOMERS_CSV ??
  path.resolve(import.meta.dirname, "fixtures", "cdnow", "cdnow_customers_summary_with_transactions.csv");
