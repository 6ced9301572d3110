import { type DemoDataInput, resolveDemoDataOptions } from "./demo-options";
import { DEMO_TABLES } from "./demo-tables";
import { generateDemoChunks } from "./generate-demo-chunks";
import { TableDigest } from "./table-digest";

export interface DemoDataDigest {
  digest: string;
  customers: number;
  orders: number;
  events: number;
}

/**
 * The digest of the rows `loadDemoData` would write for these options, computed without a
 * database. Equal to `digestDemoDatabase()` after a load with the same options.
 */
export async function digestDemoData(input: DemoDataInput = {}): Promise<DemoDataDigest> {
  const options = resolveDemoDataOptions(input);
  const digest = new TableDigest();
  for await (const chunk of generateDemoChunks(options)) {
    for (const table of DEMO_TABLES) {
      const { text, rows } = chunk.tables[table];
      digest.update(table, text.bytes(), rows);
    }
  }
  return {
    digest: digest.digest(),
    customers: digest.rowCount("customers"),
    orders: digest.rowCount("orders"),
    events: digest.rowCount("events"),
  };
}
