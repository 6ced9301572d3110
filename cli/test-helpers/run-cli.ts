import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { childProcessEnv } from "../../lib/env";

const root = path.resolve(import.meta.dirname, "..", "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in a child process against the calling test file's database (its DATABASE_URL). */
export async function tailor(...args: string[]): Promise<CliRun> {
  return tailorWithEnv({}, ...args);
}

/** As `tailor`, with some environment variables overridden (e.g. a DATABASE_URL nobody answers at). */
export async function tailorWithEnv(env: Record<string, string>, ...args: string[]): Promise<CliRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, ["cli/index.ts", ...args], {
      cwd: root,
      env: childProcessEnv(env),
      maxBuffer: 10_000_000,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as CliRun;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
