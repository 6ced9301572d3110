// The Tailor command line's commands, runnable in this process: cli/index.ts runs them for
// `npm run tailor -- <command>`, and the CLI tests call runCli directly.
import { requireSecrets } from "../lib/env";
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

/** Runs one command line (without the program name) and returns its exit code; errors are printed as the user sees them. */
export async function runCli(argv: string[]): Promise<number> {
  try {
    return await main(argv);
  } catch (e) {
    const { message, exitCode } = formatError(e);
    console.error(message);
    return exitCode;
  }
}
