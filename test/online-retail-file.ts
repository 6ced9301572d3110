import path from "node:path";
import { harnessEnv } from "../lib/env";

/**
 * The UCI Online Retail file, which is not part of the repository: ONLINE_RETAIL_CSV, or
 * data/online-retail.csv in the repository (ignored by git). Tests that need it are skipped, and
 * say so, when it is absent.
 */
export const ONLINE_RETAIL_CSV = harnessEnv().ONLINE_RETAIL_CSV ?? path.resolve(import.meta.dirname, "..", "data", "online-retail.csv");
