import { describe, expect, it } from "vitest";
import { db } from "../lib/db";
import { tailor } from "./test-helpers/run-cli";

describe("tailor keys", () => {
  it("creates a public key for its origins and a secret key, printing each key once, audit-logged as the CLI", async () => {
    const pub = await tailor(
      "keys",
      "create",
      "--public",
      "--origin",
      "https://shop.example.com",
      "--origin",
      "https://www.example.com",
      "--label",
      "Shop",
    );
    expect(pub.code).toBe(0);
    expect(pub.stdout).toMatch(/^tk_pub_[A-Za-z0-9_-]{32}\n$/);
    expect(pub.stderr).toMatch(
      /Created public key \S+ "Shop" for https:\/\/shop\.example\.com, https:\/\/www\.example\.com\. It is shown once/,
    );
    const sec = await tailor("keys", "create", "--secret");
    expect(sec.code).toBe(0);
    expect(sec.stdout).toMatch(/^tk_sec_[A-Za-z0-9_-]{32}\n$/);

    const keys = await db.apiKey.findMany({ orderBy: { createdAt: "asc" } });
    expect(keys.map((k) => [k.kind, k.label, k.allowedOrigins])).toEqual([
      ["public", "Shop", ["https://shop.example.com", "https://www.example.com"]],
      ["secret", "Secret key (CLI)", []],
    ]);
    expect(keys[0]!.keyPrefix).toBe(pub.stdout.slice(0, 13));
    const audit = await db.auditLog.findMany({ where: { action: "api_key.created" } });
    expect(audit.map((a) => a.actorLabel)).toEqual(["cli", "cli"]);

    const list = await tailor("keys", "list");
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`${keys[0]!.id}  public  ${keys[0]!.keyPrefix}…  live`);
    expect(list.stdout).not.toContain(pub.stdout.trim());

    const revoke = await tailor("keys", "revoke", keys[0]!.id);
    expect(revoke).toMatchObject({ code: 0, stdout: `Revoked API key ${keys[0]!.id}: its calls are refused from now on.\n` });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: keys[0]!.id } })).revokedAt).not.toBeNull();
    expect(await db.auditLog.count({ where: { action: "api_key.revoked", actorLabel: "cli" } })).toBe(1);
    expect((await tailor("keys", "list")).stdout).toMatch(/public\s+tk_pub_\S+…\s+revoked 20/);
  }, 300_000);

  it("refuses what it cannot do, saying why", async () => {
    const [both, neither, unknown, originOnSecret] = await Promise.all([
      tailor("keys", "create", "--public", "--secret"),
      tailor("keys", "create"),
      tailor("keys", "revoke", "no-such-key"),
      tailor("keys", "create", "--secret", "--origin", "https://shop.example.com"),
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/exactly one of --public .* or --secret/);
    expect(neither.code).toBe(2);
    expect(unknown).toMatchObject({ code: 1 });
    expect(unknown.stderr).toMatch(/No API key has the id no-such-key/);
    expect(originOnSecret.code).toBe(2);
    const badOrigin = await tailor("keys", "create", "--public", "--origin", "shop.example.com/path");
    expect(badOrigin.code).toBe(1);
    expect(badOrigin.stderr).toMatch(/scheme and host without a path/);
  }, 300_000);
});
