/**
 * npm run bench:privacy [-- --customers N] [--reuse]   (--reuse: keep the bench database's shop if big enough)
 * On a throwaway database (BENCH_DATABASE_URL, default tailor_bench_privacy on 127.0.0.1) with a
 * demo shop of N customers (default 100,000): the set-based consent condition over everyone, a
 * consent CSV import of 10,000 rows, one-click unsubscribes, and erasures. Prints figures; asserts nothing.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { databaseUrlFor } from "../../lib/env";

const args = process.argv.slice(2);
const customers = Number(args[args.indexOf("--customers") + 1] || 100_000) || 100_000;
const url = process.env.BENCH_DATABASE_URL ?? databaseUrlFor("tailor_bench_privacy");
if (!["127.0.0.1", "localhost"].includes(new URL(url).hostname)) throw new Error("The bench only runs on a local database.");
process.env.DATABASE_URL = url;

const { ensureDatabase } = await import("../../lib/migrations/ensure-database");
const { applyMigrations } = await import("../../lib/migrations/apply-migrations");
const { loadDemoData } = await import("../../lib/demo/load-demo-data");
const { db, disconnectDb } = await import("../../lib/db");
const { consentAllowsSql } = await import("../../lib/consent/may-use");
const { createImportRecord } = await import("../../lib/imports/create-import-record");
const { runImport } = await import("../../lib/imports/run-import");
const { unsubscribeOneClick } = await import("../../lib/consent/unsubscribe-one-click");
const { createUnsubscribeToken } = await import("../../lib/consent/unsubscribe-token");
const { eraseCustomer } = await import("../../lib/privacy/erase-customer");

const actor = { id: null, label: "bench" };
const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;

await ensureDatabase(url);
await applyMigrations({});
const t0 = performance.now();
if (args.includes("--reuse") && (await db.customer.count()) >= customers) {
  console.log(
    `demo shop: reusing ${(await db.customer.count()).toLocaleString("en")} customers, ${(await db.event.count()).toLocaleString("en")} events`,
  );
} else {
  const loaded = await loadDemoData({ customers, seed: 7, force: true });
  console.log(`demo shop: ${loaded.customers.toLocaleString("en")} customers, ${loaded.events.toLocaleString("en")} events in ${ms(t0)}`);
}

for (const purpose of ["email_marketing", "personalization"]) {
  const t = performance.now();
  const [row] = await db.$queryRaw<
    { n: number }[]
  >`SELECT count(*)::int AS n FROM customers c WHERE ${await consentAllowsSql({ purpose })}`;
  console.log(`consentAllowsSql(${purpose}) over all customers: ${row!.n.toLocaleString("en")} allowed in ${ms(t)}`);
}

const sample = await db.customer.findMany({
  where: { email: { not: null } },
  select: { id: true, email: true },
  take: 10_000,
  orderBy: { id: "asc" },
});
const csv = [
  "email,purpose,status,occurred_at",
  ...sample.map((c, i) => `${c.email},personalization,${i % 3 ? "granted" : "denied"},2024-01-01T00:00:00Z`),
].join("\n");
const csvPath = path.join(await mkdtemp(path.join(os.tmpdir(), "tailor-bench-consent-")), "consent.csv");
await writeFile(csvPath, csv);
let t = performance.now();
const { id: importJobId } = await createImportRecord({ kind: "consent", fileName: "consent.csv" });
const report = await runImport({ importJobId, filePath: csvPath, actor });
console.log(
  `consent CSV import, ${report.rowsRead.toLocaleString("en")} rows: ${report.imported} imported, ${report.rejected} rejected in ${ms(t)}`,
);

t = performance.now();
for (const c of sample.slice(0, 100)) await unsubscribeOneClick({ token: createUnsubscribeToken({ customerId: c.id }) });
console.log(`one-click unsubscribe: ${((performance.now() - t) / 100).toFixed(1)} ms each (100 in a row)`);

const times: number[] = [];
for (const c of sample.slice(200, 205)) {
  const te = performance.now();
  await eraseCustomer({ customerId: c.id, requestedBy: "data_subject", actor });
  times.push(performance.now() - te);
}
console.log(`erasure (incl. the sweep of tables other features add): ${times.map((x) => x.toFixed(0)).join(", ")} ms`);
console.log(`memory: rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
await disconnectDb();
process.exit(0);
