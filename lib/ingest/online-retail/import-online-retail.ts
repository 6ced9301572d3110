import type { ImporterOptions, ImporterResult } from "../importer";
import { createRejectionRecorder } from "../create-rejection-recorder";
import { openPgClient } from "../open-pg-client";
import { countPresentLines } from "./count-present-lines";
import { mergeOnlineRetail } from "./merge-online-retail";
import { stageOnlineRetailFile } from "./stage-online-retail-file";
import { createStagingTable, stagingTableName } from "./staging-table";

/** Share of the progress bar taken by reading the file; the merge steps share the rest. */
const READ_SHARE = 50;
/** Measured on the real file: writing the order lines takes about as long as reading the file. */
const STEP_PERCENT = { customers: 52, products: 55, orders: 58, "order lines": 62, committing: 98 } as const;

/**
 * Imports the UCI Online Retail file: stream → validate → COPY into a per-job staging table →
 * set-based merge in one transaction. Rows without a CustomerID are counted, not stored.
 */
export async function importOnlineRetail(opts: ImporterOptions): Promise<ImporterResult> {
  const { importJobId, signal, progress } = opts;
  const client = await openPgClient({ applicationName: "tailor-import" });
  const table = stagingTableName(importJobId);
  try {
    await createStagingTable(client, table);
    progress({ phase: "reading", percent: 0, rowsRead: 0 });
    const staged = await stageOnlineRetailFile({
      client,
      table,
      filePath: opts.filePath,
      recorder: createRejectionRecorder({ importJobId }),
      signal,
      onRead: (p) => progress({ phase: "reading", percent: (READ_SHARE * p.bytesRead) / Math.max(p.totalBytes, 1), rowsRead: p.rowsRead }),
    });
    await client.query(`ANALYZE ${table}`);

    let inserted: number;
    let details: Record<string, number> = {};
    let touchedCustomerIds: number[] = [];
    if (opts.dryRun) {
      progress({ phase: "checking", percent: 75 });
      inserted = staged.staged - (await countPresentLines({ client, table }));
    } else {
      const merged = await mergeOnlineRetail({ client, table, signal, onStep: (step) => progress({ phase: step, percent: STEP_PERCENT[step] }) });
      ({ linesInserted: inserted, touchedCustomerIds, ...details } = merged);
    }
    await client.query(`DROP TABLE IF EXISTS ${table}`);
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
    // Ends the session: the temporary staging table goes with it even when the run failed.
    await client.end().catch(() => undefined);
  }
}
