import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine as SchemaEngineType } from "@prisma/schema-engine-wasm";

/**
 * Prisma's schema engine as WebAssembly (no native binary to download), driven through the pg
 * driver adapter. See docs/decisions/001-migrations-without-the-prisma-cli.md.
 */

const require = createRequire(import.meta.url);
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

let patched = false;
/**
 * adapter-pg cannot decode Postgres' internal "char" type (OID 18), which the engine's catalog
 * queries return: report such columns as text. Only this (migration) process is patched.
 */
function patchCharOid(): void {
  if (patched) return;
  patched = true;
  const fix = (r: unknown): unknown => {
    for (const res of Array.isArray(r) ? r : [r]) {
      const fields = (res as { fields?: { dataTypeID: number }[] } | undefined)?.fields;
      fields?.forEach((f) => {
        if (f.dataTypeID === PG_CHAR_OID) f.dataTypeID = PG_TEXT_OID;
      });
    }
    return r;
  };
  for (const proto of [pg.Client.prototype, pg.Pool.prototype] as unknown as { query: (...a: unknown[]) => unknown }[]) {
    const original = proto.query;
    proto.query = function patchedQuery(this: unknown, ...args: unknown[]) {
      const result = original.apply(this, args);
      return result instanceof Promise ? result.then(fix) : result;
    };
  }
}

type WasmGlue = typeof import("@prisma/schema-engine-wasm") & {
  __wbg_set_wasm(w: WebAssembly.Exports): void;
};

let engineModule: WasmGlue | undefined;
async function loadEngineModule(): Promise<WasmGlue> {
  if (engineModule) return engineModule;
  const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
  const glue = (await import(path.join(pkgDir, "schema_engine_bg.js"))) as WasmGlue;
  const wasmModule = new WebAssembly.Module(fs.readFileSync(path.join(pkgDir, "schema_engine_bg.wasm")));
  const instance = new WebAssembly.Instance(wasmModule, { "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  engineModule = glue;
  return glue;
}

function pgConfig(databaseUrl: string, database?: string): pg.PoolConfig {
  const u = new URL(databaseUrl);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || "postgres"),
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: database ?? u.pathname.replace(/^\//, ""),
    max: 4,
    idleTimeoutMillis: 1000,
  };
}

/** A pg adapter factory whose shadow database we create and drop ourselves (adapter-pg drops it while connected). */
class TailorPgFactory extends PrismaPg {
  constructor(private readonly databaseUrl: string) {
    super(pgConfig(databaseUrl));
  }
  override async connectToShadowDb() {
    const name = `tailor_shadow_${process.pid}_${Date.now()}`;
    const admin = new pg.Client(pgConfig(this.databaseUrl, "postgres"));
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const factory = new PrismaPg(pgConfig(this.databaseUrl, name));
    const adapter = await factory.connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      const cleanup = new pg.Client(pgConfig(this.databaseUrl, "postgres"));
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    };
    return adapter;
  }
}

export interface EngineOptions {
  databaseUrl: string;
  schemaPath: string;
  log?: (line: string) => void;
}

export async function openSchemaEngine(opts: EngineOptions): Promise<SchemaEngineType> {
  patchCharOid();
  const glue = await loadEngineModule();
  const schema = fs.readFileSync(opts.schemaPath, "utf8");
  const adapter = bindMigrationAwareSqlAdapterFactory(new TailorPgFactory(opts.databaseUrl));
  return glue.SchemaEngine.new({ datamodels: [[opts.schemaPath, schema]] }, (line: string) => opts.log?.(line), adapter);
}
