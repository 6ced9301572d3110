import pg from "pg";
import { env } from "../env";

/**
 * A plain pg connection for bulk work Prisma cannot do (COPY, temporary staging tables).
 * One connection, so a session's temporary tables vanish with it if the process dies.
 * JIT compilation is off: bulk statements' cost estimates trigger it, and compiling their plans
 * took longer than running them (docs/decisions/032).
 */
export async function openPgClient(opts: { applicationName?: string } = {}): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: env().DATABASE_URL,
    application_name: opts.applicationName ?? "tailor-ingest",
    options: "-c jit=off",
  });
  await client.connect();
  // A fatal connection error would otherwise be an unhandled 'error' event; the next query reports it.
  client.on("error", () => undefined);
  return client;
}
