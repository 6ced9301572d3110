// Run by `npm start` before serving: apply migrations, load the demo data on first run.
import { applyMigrations } from "../lib/migrations/apply-migrations";
import { loadDemoData } from "../lib/demo/load-demo-data";
import { DEMO_LOGINS } from "../lib/demo/demo-users";
import { rebuildCustomerFeatures } from "../lib/features/rebuild-customer-features";
import { db, disconnectDb } from "../lib/db";

const withDemo = process.argv.includes("--demo");

try {
  await applyMigrations({ log: (l) => console.log(`  ${l}`) });
  if (withDemo) {
    let last = "";
    const result = await loadDemoData({
      onProgress: ({ phase, percent }) => {
        const line = `  Demo data: ${phase} ${Math.round(percent)}%`;
        if (line !== last) process.stdout.write(process.stdout.isTTY ? `\r${line.padEnd(60)}` : `${line}\n`);
        last = line;
      },
    });
    if (process.stdout.isTTY) process.stdout.write("\n");
    console.log(
      result.skipped
        ? "  Demo data already loaded."
        : `  Demo data loaded: ${result.customers} customers, ${result.orders} orders, ${result.events} events.`,
    );
    if (!result.skipped) {
      // Segments, the RFM page and charts read the feature table: fill it now, not at the nightly rescore.
      const features = await rebuildCustomerFeatures();
      console.log(`  Customer features and RFM scores computed for ${features.customers} customers.`);
    }
  }
  const users = await db.user.count();
  const present = await db.user.findMany({ where: { email: { in: DEMO_LOGINS.map((l) => l.email) } }, select: { email: true } });
  const logins = DEMO_LOGINS.filter((l) => present.some((p) => p.email === l.email)).map(({ email, password, role }) => ({
    email,
    password,
    role,
  }));
  // Last line: read by scripts/start.mjs.
  console.log(JSON.stringify({ users, logins }));
  await disconnectDb();
  process.exit(0);
} catch (e) {
  console.error(`\nCould not prepare the database: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
