// The Tailor command line: npm run tailor -- <command> (tsx cli/index.ts). See cli/usage.ts.
import { disconnectDb } from "../lib/db";
import { closeQueues } from "../lib/jobs/get-queue";
import { runCli } from "./run-cli";

const exitCode = await runCli(process.argv.slice(2));
await Promise.allSettled([disconnectDb(), closeQueues()]);
process.exit(exitCode);
