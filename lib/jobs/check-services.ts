import { readdirSync } from "node:fs";
import { Redis } from "ioredis";
import pg from "pg";
import { env } from "../env";
import { AppError } from "../errors";
import { redisAddress } from "./redis-connection";

function postgresVersion(): string {
  try {
    return readdirSync("/etc/postgresql").sort().at(-1) ?? "15";
  } catch {
    return "15";
  }
}

/** "PostgreSQL is not answering at 127.0.0.1:5432 — start it with: …" */
export function postgresUnavailableMessage(databaseUrl = env().DATABASE_URL): string {
  const url = new URL(databaseUrl);
  return `PostgreSQL is not answering at ${url.hostname}:${url.port || "5432"} — start it with: pg_ctlcluster --skip-systemctl-redirect ${postgresVersion()} main start`;
}

/** Throws AppError("unavailable") with the command that starts PostgreSQL when it is not answering. */
export async function checkPostgres(databaseUrl = env().DATABASE_URL): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (e) {
    // The database itself may not exist yet: migrations create it.
    if ((e as { code?: string }).code === "3D000") return;
    const detail = e instanceof Error && !/ECONNREFUSED|timeout/i.test(e.message) ? ` (${e.message})` : "";
    throw new AppError("unavailable", postgresUnavailableMessage(databaseUrl) + detail);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Throws AppError("unavailable") with the command that starts Redis when it is not answering. */
export async function checkRedis(): Promise<void> {
  const redis = new Redis(env().REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 3000 });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch {
    throw new AppError(
      "unavailable",
      `Redis is not answering at ${redisAddress()} — start it with: redis-server --daemonize yes --bind 127.0.0.1 --port ${redisAddress().split(":").at(-1)} --save "" --appendonly no`,
    );
  } finally {
    redis.disconnect();
  }
}
