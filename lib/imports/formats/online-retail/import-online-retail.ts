import type { ImporterOptions, ImporterResult } from "../../importer";
import { createRejectionRecorder } from "../../create-rejection-recorder";
import { openPgClient } from "../../../bulk/open-pg-client";
import { countPresentLines } from "./count-present-lines";
import { canSkipRowChecks, mergeOnlineRetail } from "./merge-online-retail";
import { readTimeZone } from "./read-time-zone";
import { stageOnlineRetailFile } from "./stage-online-retail-file";
import { createStagingTables, stagingTables } from "./staging-table";

/** Share of the progress bar taken by reading the file; the merge steps share the rest. */
const READ_SHARE = 60;
/** Measured with the 1,000,000-line bench: writing the order lines takes most of the merge. */
const STEP_PERCENT = { customers: 62, products: 66, orders: 68, "order lines": 72, committing: 98 } as const;

/**
 * Imports the UCI Online Retail file: stream → validate → COPY into per-job staging tables →
 * set-based merge in one transaction. Rows without a CustomerID are counted, not stored.
 */
export async function importOnlineRetail(opts: ImporterOptions): Promise<ImporterResult> {
  const { importJobId, signal, progress } = opts;
  const client = await openPgClient({ applicationName: "tailor-import" });
  const tables = stagingTables(importJobId);
  try {
    // The file's timestamps carry no zone: the staging tables read them in the installation's.
    await client.query("SELECT set_config('TimeZone', $1, false)", [await readTimeZone(client)]);
    // Keeps the staging tables (≈120 MB for a million lines) in this session's memory.
    await client.query("SET temp_buffers = '256MB'");
    await createStagingTables(client, tables);
    progress({ phase: "reading", percent: 0, rowsRead: 0 });
    const staged = await stageOnlineRetailFile({
      client,
      tables,
      filePath: opts.filePath,
      recorder: createRejectionRecorder({ importJobId }),
      signal,
      onRead: (p) => progress({ phase: "reading", percent: (READ_SHARE * p.bytesRead) / Math.max(p.totalBytes, 1), rowsRead: p.rowsRead }),
    });
    // A small sample is enough for the planner to see a big table and three small ones.
    await client.query("SET default_statistics_target = 10");
    await client.query(`ANALYZE ${tables.lines}, ${tables.customers}, ${tables.invoices}, ${tables.products}`);

    let inserted: number;
    let details: Record<string, number> = {};
    let touchedCustomerIds: number[] = [];
    if (opts.dryRun) {
      progress({ phase: "checking", percent: 75 });
      inserted = staged.staged - (await countPresentLines({ client, table: tables.lines }));
    } else {
      const merged = await mergeOnlineRetail({
        client,
        tables,
        stagedLines: staged.staged,
        skipRowChecks: await canSkipRowChecks(client),
        signal,
        onStep: (step) => progress({ phase: step, percent: STEP_PERCENT[step] }),
      });
      ({ linesInserted: inserted, touchedCustomerIds, ...details } = merged);
    }
    await client.query(`DROP TABLE IF EXISTS ${Object.values(tables).join(", ")}`);
    return {
      counts: {
        rowsRead: staged.rowsRead,
        imported: inserted,
        updated: 0,
        alreadyPresent: staged.staged - inserted,
        withoutCustomer: staged.withoutCustomer,
        rejected: staged.rejected,
      },
      details,
      touchedCustomerIds,
    };
  } finally {
    // Ends the session: the temporary staging tables go with it, whether the run succeeded or not.
    await client.end().catch(() => undefined);
  }
}
