// The Tailor command line: npm run tailor -- <command> (tsx cli/index.ts). See cli/usage.ts.
import { disconnectDb } from "../lib/db";
import { requireSecrets } from "../lib/env";
import { closeQueues } from "../lib/jobs/get-queue";
import { demoCommand } from "./commands/demo-command";
import { featuresCommand, rfmCommand } from "./commands/features-command";
import { renderCommand } from "./commands/render-command";
import { segmentCommand } from "./commands/segment-command";
import { importCommand } from "./commands/import-command";
import { modelsCommand } from "./commands/models-command";
import { keysCommand } from "./commands/keys-command";
import { statsCommand } from "./commands/stats-command";
import { campaignCommand } from "./commands/campaign-command";
import { settingsCommand } from "./commands/settings-command";
import { formatError } from "./format-error";
import { USAGE } from "./usage";
import { UsageError } from "./usage-error";

const commands: Record<string, (args: string[]) => Promise<number>> = {
  import: importCommand,
  stats: statsCommand,
  demo: demoCommand,
  features: featuresCommand,
  rfm: rfmCommand,
  segment: segmentCommand,
  render: renderCommand,
  campaign: campaignCommand,
  settings: settingsCommand,
  models: modelsCommand,
  keys: keysCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    console.log(USAGE);
    return 0;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`Unknown command: ${name}`);
  // The same secret as the web app's (suppression hashes, signed links): from .env.local, written there on first run.
  requireSecrets();
  return command(args);
}

let exitCode: number;
try {
  exitCode = await main(process.argv.slice(2));
} catch (e) {
  const { message, exitCode: code } = formatError(e);
  console.error(message);
  exitCode = code;
}
await Promise.allSettled([disconnectDb(), closeQueues()]);
process.exit(exitCode);
