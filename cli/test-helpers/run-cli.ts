import { AsyncLocalStorage } from "node:async_hooks";
import { execFile } from "node:child_process";
import path from "node:path";
import { format, promisify } from "node:util";
import { childProcessEnv } from "../../lib/env";
import { runCli } from "../run-cli";

const root = path.resolve(import.meta.dirname, "..", "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

interface Captured {
  out: string[];
  err: string[];
}

// What a command prints goes to the buffers of the run it belongs to (its async context), so that
// runs at once never mix their output; anything else prints as usual.
const runs = new AsyncLocalStorage<Captured>();
let installed = false;

function installCapture(): void {
  if (installed) return;
  installed = true;
  const route = <F extends (...args: never[]) => unknown>(
    original: F,
    pick: (c: Captured) => string[],
    text: (...args: Parameters<F>) => string,
  ) =>
    ((...args: Parameters<F>) => {
      const run = runs.getStore();
      if (!run) return original(...args);
      pick(run).push(text(...args));
      const callback = (args as unknown[]).find((a) => typeof a === "function") as (() => void) | undefined;
      callback?.();
      return true;
    }) as unknown as F;
  const line = (...parts: unknown[]) => `${format(...parts)}\n`;
  const chunk = (data: string | Uint8Array) => (typeof data === "string" ? data : Buffer.from(data).toString("utf8"));
  console.log = route(console.log.bind(console), (c) => c.out, line);
  console.info = route(console.info.bind(console), (c) => c.out, line);
  console.warn = route(console.warn.bind(console), (c) => c.err, line);
  console.error = route(console.error.bind(console), (c) => c.err, line);
  process.stdout.write = route(process.stdout.write.bind(process.stdout), (c) => c.out, chunk);
  process.stderr.write = route(process.stderr.write.bind(process.stderr), (c) => c.err, chunk);
}

/**
 * Runs a CLI command line in this process against the calling test file's database, capturing what
 * it prints to stdout and stderr and its exit code: the same code path as `npm run tailor -- …`
 * (cli/index.ts only adds disconnecting and exiting), without starting Node and compiling the whole
 * CLI again for every call (seconds of CPU each).
 */
export async function tailor(...args: string[]): Promise<CliRun> {
  installCapture();
  const captured: Captured = { out: [], err: [] };
  const code = await runs.run(captured, () => runCli(args));
  return { code, stdout: captured.out.join(""), stderr: captured.err.join("") };
}

/**
 * Runs the real CLI in a child process (`tsx cli/index.ts`), with some environment variables
 * overridden (e.g. a DATABASE_URL nobody answers at): for what only a process of its own shows.
 */
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
