// npm run bench:import-formats [-- --lines 100000]
// Generates a Shopify order export (5 lines an order, 10 orders a customer) and a Shopify customer
// export, imports each twice (the second time everything is already there) through the same job code
// as the CLI and the upload page, and prints rows/s and the CPU of Node.
import { writeFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openBenchDatabase } from "./bench-database";

const { values } = parseArgs({
  options: {
    lines: { type: "string", default: "100000" },
    /** Logs the plan of every statement slower than this many ms to the server's log (auto_explain). */
    explain: { type: "string" },
  },
});
const LINES = Number(values.lines);
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
console.log(`Load average (1, 5, 15 min) at start: ${loadAverage()} on ${os.availableParallelism()} cores`);

const bench = await openBenchDatabase({ name: "tailor_bench_import_formats", reuse: false });
if (values.explain !== undefined) {
  const pg = (await import("pg")).default;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  const name = (await admin.query<{ db: string }>("SELECT current_database() AS db")).rows[0]!.db;
  for (const setting of [
    "session_preload_libraries = 'auto_explain'",
    `auto_explain.log_min_duration = ${Number(values.explain)}`,
    "auto_explain.log_analyze = on",
    "auto_explain.log_timing = off",
  ]) {
    await admin.query(`ALTER DATABASE "${name}" SET ${setting}`);
  }
  await admin.end();
}
const { applyMigrations } = await import("../../lib/migrations/apply-migrations");
await applyMigrations({ log: () => undefined });
const { createImportRecord } = await import("../../lib/imports/create-import-record");
const { runImport } = await import("../../lib/imports/run-import");
const { systemActor } = await import("../../lib/audit/write-audit-log");
const { disconnectDb } = await import("../../lib/db");

const { SHOPIFY_CUSTOMER_COLUMNS: CUSTOMER_COLUMNS, SHOPIFY_ORDER_COLUMNS: ORDER_COLUMNS } =
  await import("../../test/shopify-export-columns");

function csv(columns: string[], rows: Record<string, string>[]): string {
  return [columns.join(","), ...rows.map((v) => columns.map((c) => v[c] ?? "").join(","))].join("\n") + "\n";
}

const orderRows: Record<string, string>[] = [];
for (let i = 0; i < LINES; i++) {
  const order = Math.floor(i / 5);
  const row: Record<string, string> = {
    Name: `#${1000 + order}`,
    "Lineitem quantity": String(1 + (i % 3)),
    "Lineitem name": `Item ${i % 500}`,
    "Lineitem price": "12.50",
    "Lineitem sku": `SKU-${i % 500}`,
  };
  if (i % 5 === 0) {
    const when = new Date(Date.UTC(2024, 0, 1) + order * 60_000).toISOString().slice(0, 19).replace("T", " ");
    Object.assign(row, {
      Email: `c${Math.floor(order / 10)}@example.com`,
      "Financial Status": "paid",
      Currency: "EUR",
      Total: "60.00",
      "Created at": `${when} +0100`,
      "Billing Name": "Mia Rossi",
      "Billing Country": "IT",
    });
  }
  orderRows.push(row);
}
const customerRows = Array.from({ length: LINES }, (_, i) => ({
  "Customer ID": String(5_000_000 + i),
  "First Name": "Ada",
  "Last Name": `Number ${i}`,
  Email: `p${i}@example.com`,
  "Accepts Email Marketing": i % 2 ? "yes" : "no",
  "Default Address City": "London",
  "Default Address Country Code": "GB",
  Phone: `+4477009${String(i % 100000).padStart(5, "0")}`,
  "Total Spent": "10.00",
  "Total Orders": "1",
}));
const dir = os.tmpdir();
const files = {
  "shopify-orders": [path.join(dir, `tailor-bench-shopify-orders-${LINES}.csv`), csv(ORDER_COLUMNS, orderRows)],
  "shopify-customers": [path.join(dir, `tailor-bench-shopify-customers-${LINES}.csv`), csv(CUSTOMER_COLUMNS, customerRows)],
} as const;

for (const [kind, [file, content]] of Object.entries(files) as [keyof typeof files, readonly [string, string]][]) {
  for (const run of ["new data", "again (all known)"]) {
    await writeFile(file, content);
    const { id } = await createImportRecord({ kind, fileName: path.basename(file) });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const report = await runImport({ importJobId: id, filePath: file, actor: systemActor("cli") });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    console.log(
      `${kind}, ${run}: ${LINES.toLocaleString("en-GB")} rows in ${seconds.toFixed(1)} s, ${Math.round(LINES / seconds).toLocaleString("en-GB")} rows/s` +
        ` (${report.imported} imported, ${report.alreadyPresent} already there, ${report.rejected} rejected);` +
        ` CPU of Node ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; load average ${loadAverage()}`,
    );
  }
  await rm(file, { force: true });
}

await disconnectDb();
await bench.drop();
process.exit(0);
