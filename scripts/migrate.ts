// npm run db:migrate                 apply pending migrations to DATABASE_URL
// npm run db:migration -- <name>     create a migration from prisma/schema.prisma (dev database)
import { env } from "../lib/env";
import { applyMigrations } from "../lib/migrations/apply-migrations";
import { createMigration } from "../lib/migrations/create-migration";

const [command, name] = process.argv.slice(2);
const log = (line: string) => console.log(line);

try {
  if (command === "create") {
    if (!name || !/^[a-z0-9_]+$/.test(name))
      throw new Error("Give the migration a name in snake_case: npm run db:migration -- add_segments");
    const created = await createMigration({ databaseUrl: env().DATABASE_URL, name, log });
    console.log(created ? `Created prisma/migrations/${created}` : "The schema matches the migrations: nothing to create.");
  } else {
    const { applied } = await applyMigrations({ log });
    if (applied.length === 0) console.log("Database is up to date.");
  }
  process.exit(0);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
