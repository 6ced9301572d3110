// `tsx scripts/check-services.ts`: exits 1 saying which of PostgreSQL and Redis is not
// answering and how to start it, instead of a stack trace (npm start and npm test run it first).
import { checkPostgres, checkRedis } from "../lib/jobs/check-services";

const problems: string[] = [];
for (const check of [checkPostgres, checkRedis]) {
  try {
    await check();
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
  }
}
if (problems.length) {
  console.error(`Tailor needs PostgreSQL and Redis:\n- ${problems.join("\n- ")}`);
  process.exit(1);
}
process.exit(0);
