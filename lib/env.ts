import { z } from "zod";

/**
 * The only reader of process.env. Read lazily so that tests and the CLI can set variables
 * (a per-test database, say) before the first use.
 */
const schema = z.object({
  DATABASE_URL: z.string().url().default("postgresql://postgres@127.0.0.1:5432/tailor"),
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  /** Prefix of every BullMQ queue; tests give each file its own. */
  QUEUE_PREFIX: z.string().min(1).default("tailor"),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  /**
   * Signs unsubscribe links and keys the HMACs of erased addresses. Optional: when unset,
   * NEXTAUTH_SECRET is used. Never change it once emails went out (old links would stop working).
   */
  TAILOR_SECRET: z.string().min(16).optional(),
  /** Where test sends (and later campaigns) go, e.g. smtp://user:pass@mail.example.com:587. Unset: the embedded mail catcher. */
  SMTP_URL: z.string().optional(),
  /**
   * Port of the embedded development SMTP server (the Outbox) that `npm start` runs with the workers
   * when SMTP_URL is unset; sends go to it over SMTP, the same code path as production.
   */
  OUTBOX_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  /** Messages the Outbox keeps (the oldest are dropped). */
  OUTBOX_KEEP: z.coerce.number().int().min(1).max(100_000).default(500),
  /** How long a campaign chunk's lease lasts without renewal: how soon a killed worker's chunk is taken over. */
  CAMPAIGN_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(15_000),
  /** Recipients per chunk job of a campaign. */
  CAMPAIGN_CHUNK_SIZE: z.coerce.number().int().min(1).max(100_000).default(500),
  /** The From of emails, e.g. "My shop <news@example.com>". Default: the organisation's name at noreply@<NEXTAUTH_URL's host>. */
  MAIL_FROM: z.string().optional(),
  /** Port of the tracking API process (ingest/index.ts). */
  INGEST_PORT: z.coerce.number().int().min(0).max(65535).default(3030),
  /** Processes serving the tracking API on that port (node:cluster); 1 = no cluster. Two by default
   * (docs/decisions/042): one event loop was the limit of single-call throughput, even with a core free. */
  INGEST_PROCESSES: z.coerce.number().int().min(1).max(16).default(2),
  /** Where uploaded import files wait for the worker (web app and worker must share it). Default: <tmp>/tailor-uploads. */
  UPLOAD_DIR: z.string().min(1).optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid environment: ${fields}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** For tests and the CLI, after they change process.env. */
export function resetEnv(): void {
  cached = undefined;
}
