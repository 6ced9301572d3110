import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { authorize } from "./authorize";
import { capabilityMinRole, mayAccess, routePolicy, visitors, type Capability, type Visitor } from "./route-policy";
import type { Role } from "./roles";

/**
 * The role matrix: enumerates every page, route handler and server-action export under app/,
 * reads the guard each one declares, and checks it against lib/auth/route-policy.ts for an
 * anonymous visitor and every role. A module or export missing from the policy fails.
 */

const root = path.resolve(import.meta.dirname, "../..");
type Guard = { kind: "role"; role: Role } | { kind: "public" } | { kind: "first_run" } | { kind: "api_key" } | { kind: "none" };

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}
const files = walk(path.join(root, "app")).map((f) => path.relative(root, f).split(path.sep).join("/"));
const source = (file: string) => readFileSync(path.join(root, file), "utf8");

function pageGuard(src: string): Guard {
  const role = /requireRole\("(admin|marketer|viewer)"\)/.exec(src);
  if (role) return { kind: "role", role: role[1] as Role };
  if (/countUsers\(\)\)\s*>\s*0/.test(src)) return { kind: "first_run" }; // closed as soon as a user exists
  return { kind: "none" };
}

function routeGuards(src: string): Map<string, Guard> {
  const out = new Map<string, Guard>();
  for (const m of src.matchAll(
    /export const (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s*=\s*(\w+)(?:<[^>]*>)?\(\s*(?:"(admin|marketer|viewer)")?/g,
  )) {
    const [, method, wrapper, role] = m;
    out.set(
      method!,
      wrapper === "withRole" && role
        ? { kind: "role", role: role as Role }
        : wrapper === "withPublicAccess"
          ? { kind: "public" }
          : wrapper === "withApiKey"
            ? { kind: "api_key" }
            : { kind: "none" },
    );
  }
  // A handler assigned as is (`export const POST = trackingRoute;`): the tracking API's key check.
  for (const m of src.matchAll(/export const (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s*=\s*(\w+)\s*;/g)) {
    out.set(m[1]!, m[2] === "trackingRoute" ? { kind: "api_key" } : { kind: "none" });
  }
  for (const m of src.matchAll(/export async function (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)) out.set(m[1]!, { kind: "none" });
  for (const m of src.matchAll(/export \{([^}]*)\}/g)) {
    for (const part of m[1]!.split(",")) {
      const method = /as (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/.exec(part)?.[1];
      if (method) out.set(method, { kind: "none" });
    }
  }
  return out;
}

function actionGuards(src: string): Map<string, Guard> {
  const defined = new Map<string, Guard>();
  for (const m of src.matchAll(/const (\w+)\s*=\s*(defineAction|definePublicAction)\(\{([\s\S]*?)\n\}\);/g)) {
    const [, name, kind, body] = m;
    const role = /minRole:\s*"(admin|marketer|viewer)"/.exec(body!)?.[1];
    defined.set(
      name!,
      kind === "defineAction" && role
        ? { kind: "role", role: role as Role }
        : /createFirstAdmin/.test(body!)
          ? { kind: "first_run" }
          : { kind: "public" },
    );
  }
  const out = new Map<string, Guard>();
  for (const m of src.matchAll(/export (?:async )?function (\w+)\s*\([^)]*\)[^{]*\{([\s\S]*?)\n\}/g)) {
    const called = /return (\w+)\(/.exec(m[2]!)?.[1];
    out.set(m[1]!, (called && defined.get(called)) || { kind: "none" });
  }
  for (const m of src.matchAll(/export const (\w+)\s*=/g)) out.set(m[1]!, defined.get(m[1]!) ?? { kind: "none" });
  return out;
}

/** Every route or action in the app, with the guard its code declares. */
function enumerate(): Map<string, Guard> {
  const found = new Map<string, Guard>();
  for (const file of files) {
    if (file.endsWith("/page.tsx") || file === "app/page.tsx") found.set(file, pageGuard(source(file)));
    else if (file.endsWith("/route.ts")) for (const [method, guard] of routeGuards(source(file))) found.set(`${file}#${method}`, guard);
    else if (/\.(ts|tsx)$/.test(file) && /^["']use server["'];?/m.test(source(file).trimStart().split("\n")[0] ?? "")) {
      for (const [name, guard] of actionGuards(source(file))) found.set(`${file}#${name}`, guard);
    }
  }
  return found;
}

/** Who the guard in the code lets through, decided by the real authorize() for session guards. */
function allowedBy(guard: Guard, visitor: Visitor): boolean {
  if (guard.kind === "role") {
    const user = visitor === "anonymous" ? null : { id: "u", email: `${visitor}@x.test`, name: "", role: visitor };
    try {
      authorize(user, guard.role);
      return true;
    } catch {
      return false;
    }
  }
  return (
    guard.kind === "public" || guard.kind === "none" || guard.kind === "api_key" || (guard.kind === "first_run" && visitor === "anonymous")
  );
}

function guardFits(capability: Capability, guard: Guard): boolean {
  const minRole = capabilityMinRole[capability];
  if (minRole) return guard.kind === "role" && guard.role === minRole;
  if (capability === "public") return guard.kind === "public" || guard.kind === "none";
  if (capability === "first_admin_setup") return guard.kind === "first_run";
  return guard.kind === "api_key";
}

const found = enumerate();

describe("role matrix", () => {
  it("finds the app's pages, routes and actions", () => {
    expect(found.size).toBeGreaterThan(20);
    expect(found.get("app/(app)/settings/actions.ts#saveSettings")).toEqual({ kind: "role", role: "admin" });
    expect(found.get("app/api/unsubscribe/[token]/route.ts#POST")).toEqual({ kind: "public" });
  });

  it("lists every page, route handler and server action in lib/auth/route-policy.ts", () => {
    const missing = [...found.keys()].filter((k) => !(k in routePolicy));
    expect(missing, "add these to routePolicy in lib/auth/route-policy.ts").toEqual([]);
    const stale = Object.keys(routePolicy).filter((k) => !found.has(k));
    expect(stale, "these policy entries name nothing in app/").toEqual([]);
  });

  it("gives each one the guard its capability needs", () => {
    const wrong = Object.entries(routePolicy)
      .filter(([k, cap]) => found.has(k) && !guardFits(cap, found.get(k)!))
      .map(([k, cap]) => `${k}: ${cap} but the code has ${JSON.stringify(found.get(k))}`);
    expect(wrong).toEqual([]);
  });

  for (const visitor of visitors) {
    it(`lets ${visitor === "anonymous" ? "an anonymous visitor" : `a ${visitor}`} in exactly where the table says`, () => {
      const mismatches = Object.entries(routePolicy)
        .filter(([k]) => found.has(k))
        .filter(([k, cap]) => allowedBy(found.get(k)!, visitor) !== mayAccess(cap, visitor))
        .map(([k, cap]) => `${k} (${cap}): table says ${mayAccess(cap, visitor) ? "allow" : "deny"}`);
      expect(mismatches).toEqual([]);
    });
  }

  it("keeps public pages out of the signed-in layout", () => {
    const misplaced = Object.entries(routePolicy).filter(
      ([k, cap]) => (cap === "public" || cap === "first_admin_setup") && k.startsWith("app/(app)/"),
    );
    expect(misplaced).toEqual([]);
  });
});
