import { execFile } from "node:child_process";
import { createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const dirs: string[] = [];

afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempEnvFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tailor-env-"));
  dirs.push(dir);
  return path.join(dir, ".env.local");
}

/** A fresh process that needs the secret, with no secret in its environment. */
async function printHash(file: string, nodeEnv: "development" | "production"): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TAILOR_ENV_FILE: file, NODE_ENV: nodeEnv };
  try {
    const { stdout, stderr } = await run(tsx, [path.join(root, "test", "print-address-hash.ts")], { cwd: root, env });
    return { code: 0, stdout: stdout.trim(), stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout.trim(), stderr: err.stderr };
  }
}

/** The address HMAC as installation-secret.ts derives it, computed here independently. */
function expectedHash(secret: string): string {
  const key = createHmac("sha256", secret).update("tailor:address").digest();
  return createHmac("sha256", key).update("ann@example.com").digest("hex");
}

describe("the installation's secret", () => {
  it("is written once, atomically and mode 0600, by the first of several processes that need it, and all of them use it", async () => {
    const file = tempEnvFile();
    const results = await Promise.all(Array.from({ length: 4 }, () => printHash(file, "development")));
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    const text = fs.readFileSync(file, "utf8");
    const secret = /^NEXTAUTH_SECRET=(.+)$/m.exec(text)?.[1];
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // Every process signed with the secret in the file (none with a built-in one).
    expect(new Set(results.map((r) => r.stdout))).toEqual(new Set([expectedHash(secret!)]));
    expect(results.filter((r) => r.stderr.includes("wrote a generated NEXTAUTH_SECRET"))).toHaveLength(1);
    expect(fs.readdirSync(path.dirname(file))).toEqual([".env.local"]);
  }, 120_000);

  it("is read from an existing .env.local, TAILOR_SECRET first", async () => {
    const file = tempEnvFile();
    fs.writeFileSync(
      file,
      "# mine\nNEXTAUTH_SECRET=auth-secret-of-this-installation\nTAILOR_SECRET='tailor-secret-of-this-installation'\n",
    );
    const result = await printHash(file, "development");
    expect(result).toMatchObject({ code: 0, stdout: expectedHash("tailor-secret-of-this-installation") });
  }, 60_000);

  it("is added to an existing .env.local that has none, keeping its lines", async () => {
    const file = tempEnvFile();
    fs.writeFileSync(file, "DATABASE_URL=postgresql://postgres@127.0.0.1:5432/elsewhere");
    const result = await printHash(file, "development");
    expect(result.code).toBe(0);
    const text = fs.readFileSync(file, "utf8");
    expect(text).toMatch(/^DATABASE_URL=postgresql:\/\/postgres@127\.0\.0\.1:5432\/elsewhere\nNEXTAUTH_SECRET=.{43}\n$/);
    expect(result.stdout).toBe(expectedHash(/NEXTAUTH_SECRET=(.+)/.exec(text)![1]!));
  }, 60_000);

  it("in production: a process without one refuses to go on, says how to set it, and writes nothing", async () => {
    const file = tempEnvFile();
    const result = await printHash(file, "production");
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/Set TAILOR_SECRET \(or NEXTAUTH_SECRET\) to a random string/);
    expect(fs.existsSync(file)).toBe(false);
  }, 60_000);
});
