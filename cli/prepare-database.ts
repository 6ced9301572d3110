import { checkPostgres } from "../lib/jobs/check-services";
import { applyMigrations } from "../lib/migrations/apply-migrations";

/** Checks that PostgreSQL answers (with a clear message if not), then applies pending migrations. */
export async function prepareDatabase(): Promise<void> {
  await checkPostgres();
  await applyMigrations({ log: (line) => process.stderr.write(`${line}\n`) });
}
