import { parseArgs } from "node:util";
import { systemActor } from "../../lib/audit/write-audit-log";
import { createApiKey } from "../../lib/tracking/create-api-key";
import { listApiKeys } from "../../lib/tracking/list-api-keys";
import { revokeApiKey } from "../../lib/tracking/revoke-api-key";
import { prepareDatabase } from "../prepare-database";
import { UsageError } from "../usage-error";

const actor = systemActor("cli");

/** keys create --public|--secret [--origin URL]… [--label TEXT]: prints the new key (stdout) once. */
async function createKey(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      public: { type: "boolean", default: false },
      secret: { type: "boolean", default: false },
      origin: { type: "string", multiple: true, default: [] },
      label: { type: "string" },
    },
  });
  if (positionals.length) throw new UsageError(`Unexpected argument: ${positionals[0]}`);
  if (values.public === values.secret) throw new UsageError("keys create needs exactly one of --public (web pages) or --secret (servers).");
  if (values.secret && values.origin.length) throw new UsageError("--origin is for public keys: secret keys are refused from browsers.");
  await prepareDatabase();
  const kind = values.public ? "public" : "secret";
  const key = await createApiKey({
    input: { kind, label: values.label ?? `${kind === "public" ? "Public" : "Secret"} key (CLI)`, allowedOrigins: values.origin },
    actor,
  });
  console.error(
    `Created ${kind} key ${key.id} "${key.label}"${key.allowedOrigins.length ? ` for ${key.allowedOrigins.join(", ")}` : ""}. It is shown once, below: store it now.`,
  );
  console.log(key.token);
  return 0;
}

/** keys list: every key, live first (never the key itself: only its first characters). */
async function listKeys(args: string[]): Promise<number> {
  if (args.length) throw new UsageError(`Unexpected argument: ${args[0]}`);
  await prepareDatabase();
  const keys = await listApiKeys();
  if (!keys.length) {
    console.log("No API keys yet: create one with `npm run tailor -- keys create --public --origin https://shop.example.com`.");
    return 0;
  }
  const rows = keys.map((k) => [
    k.id,
    k.kind,
    `${k.keyPrefix}…`,
    k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : "live",
    String(k.events),
    k.label,
    k.allowedOrigins.join(" "),
  ]);
  const header = ["ID", "KIND", "KEY", "STATUS", "CALLS", "LABEL", "ORIGINS"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [header, ...rows])
    console.log(
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    );
  return 0;
}

/** keys revoke <id>: refuses the key's calls at once. */
async function revokeKey(args: string[]): Promise<number> {
  if (args.length !== 1) throw new UsageError("keys revoke needs the key's id (see `keys list`).");
  await prepareDatabase();
  await revokeApiKey({ id: args[0]!, actor });
  console.log(`Revoked API key ${args[0]}: its calls are refused from now on.`);
  return 0;
}

/** tailor keys create|list|revoke: API keys of the tracking API, audit-logged as the CLI. */
export async function keysCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "create") return createKey(rest);
  if (sub === "list") return listKeys(rest);
  if (sub === "revoke") return revokeKey(rest);
  throw new UsageError(sub ? `Unknown keys command: ${sub}` : "keys needs a command: create, list or revoke.");
}
