import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

export interface WorkerProcess {
  child: ChildProcess;
  output: string[];
  /** Resolves once the worker logged that it started. */
  ready: Promise<void>;
  /** kill -9 of the worker's whole process group. */
  kill9(): void;
  /** SIGTERM, then waits for it to exit. */
  stop(): Promise<void>;
}

/** The real worker process (tsx workers/index.ts) on the calling test file's database and queue prefix, with extra env. */
export function spawnWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(tsx, ["workers/index.ts"], {
    cwd: root,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    const onLine = (b: Buffer) => {
      output.push(b.toString());
      if (b.toString().includes("Tailor worker started")) resolve();
    };
    child.stdout!.on("data", onLine);
    child.stderr!.on("data", (b: Buffer) => output.push(b.toString()));
    child.once("exit", (code) => reject(new Error(`worker exited (${code}) before starting: ${output.join("")}`)));
  });
  ready.catch(() => undefined);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    output,
    ready,
    kill9() {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
    },
    async stop() {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        return;
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      this.kill9();
    },
  };
}
