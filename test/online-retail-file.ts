import path from "node:path";
import { harnessEnv } from "../lib/env";
import { SHARED_DATA_DIR } from "./shared-data";

/**
 * The UCI Online Retail file, read in place from ../shared/data (never copied into the repository),
 * or from ONLINE_RETAIL_CSV. Tests that need it are skipped, and say so, when it is absent.
 */
export const ONLINE_RETAIL_CSV = harnessEnv().ONLINE_RETAIL_CSV ?? path.join(SHARED_DATA_DIR, "online-retail.csv");
