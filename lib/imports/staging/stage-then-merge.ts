import type pg from "pg";
import { openPgClient } from "../../bulk/open-pg-client";
import { createRejectionRecorder } from "../create-rejection-recorder";
import { readTimeZone } from "../formats/online-retail/read-time-zone";
import type { ImporterOptions } from "../importer";
import { stageReadRows, type StagedCounts } from "../stage-read-rows";
import type { ReadRow } from "./customers/customer-row";

/** Serialises imports that create customers by email or id (two at once would race on new customers). */
export const CUSTOMER_MERGE_LOCK = "tailor:import:customers";

/**
 * The skeleton of the staged imports: create the temporary staging tables → stream the rows into
 * `table` with COPY (reading fills the progress up to `readPercent`) → `afterStaging` → in one
 * transaction under the customer merge lock, `merge` → COMMIT (ROLLBACK on a dry run). A run that
 * dies leaves nothing; the session, and its temporary tables, always end.
 */
export async function stageThenMerge<R, M>(opts: {
  /** The import's options, with the format's rows and how much of the file they have read. */
  importer: Pick<ImporterOptions, "importJobId" | "signal" | "progress" | "dryRun"> & {
    rows: AsyncIterable<ReadRow<R>>;
    readFraction: () => number;
  };
  readPercent: number;
  table: string;
  columns: readonly string[];
  toValues: (row: R, rowNumber: number) => readonly (string | number | boolean | null)[];
  createTables: (client: pg.ClientBase) => Promise<void>;
  /** Runs once the rows are staged, before the transaction. */
  afterStaging?: (client: pg.ClientBase) => Promise<void>;
  /** The progress reported once the rows are staged. */
  mergePhase: { phase: string; percent: number };
  /** Runs inside the transaction, holding the customer merge lock. */
  merge: (client: pg.ClientBase, timeZone: string) => Promise<M>;
}): Promise<{ staged: StagedCounts; merged: M }> {
  const { importJobId, signal, progress, dryRun, rows, readFraction } = opts.importer;
  const client = await openPgClient({ applicationName: "tailor-import" });
  try {
    await opts.createTables(client);
    progress({ phase: "reading", percent: 0, rowsRead: 0 });
    const staged = await stageReadRows({
      client,
      table: opts.table,
      columns: opts.columns,
      rows,
      recorder: createRejectionRecorder({ importJobId }),
      signal,
      onRow: (rowsRead) => progress({ phase: "reading", percent: opts.readPercent * readFraction(), rowsRead }),
      toValues: opts.toValues,
    });
    signal?.throwIfAborted();
    await opts.afterStaging?.(client);
    progress({ ...opts.mergePhase, rowsRead: staged.rowsRead });
    await client.query("BEGIN");
    try {
      await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [CUSTOMER_MERGE_LOCK]);
      const merged = await opts.merge(client, await readTimeZone(client));
      signal?.throwIfAborted();
      progress({ phase: "committing", percent: 98 });
      await client.query(dryRun ? "ROLLBACK" : "COMMIT");
      return { staged, merged };
    } catch (e) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw e;
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
