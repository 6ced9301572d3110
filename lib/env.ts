import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";
import { z } from "zod";
import { AppError } from "./errors";
import { parseTrustedProxies } from "./http/parse-trusted-proxies";

/**
 * The only reader of process.env. Read lazily so that tests and the CLI can set variables
 * (a per-test database, say) before the first use. Every process (web app, worker, tracking API,
 * CLI, benches) reads the installation's .env.local through here: variables already set win.
 */
/** The database Tailor uses when DATABASE_URL is unset; the only place this default is written. */
export const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/tailor";

/** The same server as `serverUrl` (by default, the default database's), database `name`. */
export function databaseUrlFor(name: string, serverUrl: string = DEFAULT_DATABASE_URL): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const schema = z.object({
  DATABASE_URL: z.string().url().default(DEFAULT_DATABASE_URL),
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
  /** Port of the tracking API process (tracking-server/index.ts). */
  INGEST_PORT: z.coerce.number().int().min(0).max(65535).default(3030),
  /** Processes serving the tracking API on that port (node:cluster); 1 = no cluster. Two by default
   * (docs/decisions/042): one event loop was the limit of single-call throughput, even with a core free. */
  INGEST_PROCESSES: z.coerce.number().int().min(1).max(16).default(2),
  /** Where uploaded import files wait for the worker (web app and worker must share it). Default: <tmp>/tailor-uploads. */
  UPLOAD_DIR: z.string().min(1).optional(),
  /** Amazon SES via SNS: the topic ARNs whose bounce and complaint notifications are accepted (comma-separated). */
  SES_SNS_TOPIC_ARNS: z.string().optional(),
  /** SendGrid's signed event webhook: its verification key (base64, from SendGrid's Mail Settings). */
  SENDGRID_WEBHOOK_PUBLIC_KEY: z.string().optional(),
  /** Postmark webhooks: the basic auth user and password put in the webhook's URL. */
  POSTMARK_WEBHOOK_USER: z.string().optional(),
  POSTMARK_WEBHOOK_PASSWORD: z.string().optional(),
  /** Tailor's generic bounce/complaint webhook: the Bearer secret (docs/email-feedback.md). */
  WEBHOOK_SECRET: z.string().min(16).optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Tracking API calls each key may send per second (a batch counts its calls); 0 = no limit. */
  TRACKING_RATE_LIMIT: z.coerce.number().int().min(0).default(20_000),
  /** Requests per minute one client address may make to unsubscribe, preferences and webhooks (the open pixel and click redirect: 50 times as many, as mail providers fetch them from few addresses); 0 = no limit. */
  PUBLIC_RATE_LIMIT: z.coerce.number().int().min(0).default(120),
  /**
   * Reverse proxies in front of the web app whose X-Forwarded-For (or X-Real-IP) is believed:
   * addresses and CIDR ranges, comma-separated ("127.0.0.1,10.0.0.0/8"). Empty (the default): the
   * client address is the connection's, whatever headers say (lib/http/client-address.ts).
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .superRefine((list, ctx) => {
      try {
        parseTrustedProxies(list);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message });
      }
    }),
  /** Test emails each user may send per hour; 0 = no limit. */
  TEST_SEND_RATE_LIMIT: z.coerce.number().int().min(0).default(60),
  /** Where the installation's settings file is (default: .env.local in the directory Tailor runs from). */
  TAILOR_ENV_FILE: z.string().min(1).optional(),
  /** Set by Next.js while it builds (no secret is needed then). */
  NEXT_PHASE: z.string().optional(),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** The installation's settings file: KEY=value lines, written by `npm start` or the first process that needs a secret. */
export function envFilePath(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.TAILOR_ENV_FILE ?? path.join(process.cwd(), ".env.local"));
}

/** Copies the settings file's variables into process.env (children and NextAuth read them there), never overriding one already set. */
function loadEnvFile(): void {
  let text: string;
  try {
    text = fs.readFileSync(/*turbopackIgnore: true*/ envFilePath(), "utf8");
  } catch {
    return;
  }
  for (const [key, value] of Object.entries(parseEnv(text))) {
    if (process.env[key] === undefined) process.env[key] = value;
  }
}

export function env(): Env {
  if (!cached) {
    loadEnvFile();
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

export const missingSecretMessage =
  "No secret is configured, so Tailor cannot sign sessions and unsubscribe links. Set TAILOR_SECRET (or NEXTAUTH_SECRET) to a random string of 32+ characters, e.g. `echo TAILOR_SECRET=$(openssl rand -base64 32) >> .env.local`, and never change it once emails went out; or run `npm start` once, which writes .env.local with one.";

const lockWaitMs = 5000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `work` holding an exclusive lock file beside the settings file (processes starting together take turns). */
function withFileLock<T>(file: string, work: () => T): T {
  const lock = `${file}.lock`;
  const started = Date.now();
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lock, "wx", 0o600));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      // A lock left by a process that died while holding it.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > lockWaitMs || Date.now() - started > 2 * lockWaitMs) fs.rmSync(lock, { force: true });
      else sleep(20);
    }
  }
  try {
    return work();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/**
 * Writes a generated NEXTAUTH_SECRET into the settings file (creating it with the same lines as
 * `npm start`), atomically: under a lock, a complete file (mode 0600) is renamed into place, so a
 * process reading it never sees half of it and two processes starting together agree on one secret.
 * Returns false when another process wrote one first.
 */
function writeGeneratedSecret(file: string): boolean {
  return withFileLock(file, () => {
    const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null;
    const vars = current === null ? {} : parseEnv(current);
    if (vars.TAILOR_SECRET || vars.NEXTAUTH_SECRET) return false;
    const secretLine = `NEXTAUTH_SECRET=${randomBytes(32).toString("base64url")}`;
    const text =
      current === null
        ? [
            "# Written by Tailor on first run. Edit to point Tailor elsewhere.",
            secretLine,
            `# DATABASE_URL=${DEFAULT_DATABASE_URL}`,
            "# REDIS_URL=redis://127.0.0.1:6379",
            "# SMTP_URL=smtp://user:pass@smtp.example.com:587",
          ].join("\n") + "\n"
        : `${current.replace(/\n?$/, "\n")}${secretLine}\n`;
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    fs.writeFileSync(tmp, text, { mode: 0o600 });
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, file);
    return true;
  });
}

/**
 * The installation's secrets, created on first need outside production: TAILOR_SECRET (signed
 * links, address HMACs) falls back to NEXTAUTH_SECRET and the other way round. In production a
 * process without one refuses to go on, saying how to set it; elsewhere the first process to need
 * one writes it to .env.local (as `npm start` does) and says so, and every later process reads it
 * there, so the CLI, the worker, the tracking API and the web app all sign with the same secret.
 */
export function requireSecrets(): { installation: string; auth: string } {
  let { TAILOR_SECRET, NEXTAUTH_SECRET } = env();
  if (!TAILOR_SECRET && !NEXTAUTH_SECRET) {
    if (env().NODE_ENV === "production") throw new AppError("unavailable", missingSecretMessage);
    const file = envFilePath();
    if (writeGeneratedSecret(file)) {
      console.error(
        `Tailor: wrote a generated NEXTAUTH_SECRET to ${file} (mode 0600). Keep that file: links and suppressions depend on it.`,
      );
    }
    resetEnv();
    ({ TAILOR_SECRET, NEXTAUTH_SECRET } = env());
    if (!TAILOR_SECRET && !NEXTAUTH_SECRET) throw new AppError("unavailable", missingSecretMessage);
  }
  return { installation: (TAILOR_SECRET ?? NEXTAUTH_SECRET)!, auth: (NEXTAUTH_SECRET ?? TAILOR_SECRET)! };
}

/**
 * Sets (or, with undefined, removes) environment variables and forgets the parsed env, so that the
 * next env() reads them. For tests and the CLI; returns a function that puts the previous values back.
 */
export function setEnv(vars: Record<string, string | undefined>): () => void {
  const previous: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(vars)) {
    previous[key] = process.env[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  cached = undefined;
  return () => {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    cached = undefined;
  };
}

/** The environment a child process (the CLI, the worker) inherits, with some variables overridden. */
export function childProcessEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

/**
 * Variables that only the test and benchmark harnesses read (never the app): where their databases
 * live, which Python has scikit-learn, where the Online Retail and CDNOW files are. Unset ones are undefined.
 */
const HARNESS_VARIABLES = [
  "TEST_DATABASE_SERVER",
  "TAILOR_TEST_TEMPLATE",
  "KEEP_TEST_DB",
  "SKLEARN_PYTHON",
  "ONLINE_RETAIL_CSV",
  "CDNOW_CUSTOMERS_CSV",
  "E2E_PORT",
  "E2E_DATABASE_URL",
  "E2E_QUEUE_PREFIX",
  "E2E_OUTBOX_PORT",
  "CHROMIUM_PATH",
  "CI",
] as const;

export function harnessEnv(): Partial<Record<(typeof HARNESS_VARIABLES)[number], string>> {
  return Object.fromEntries(HARNESS_VARIABLES.map((name) => [name, process.env[name]]));
}
