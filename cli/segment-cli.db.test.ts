import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../lib/db";
import { tailor } from "./test-helpers/run-cli";

const dir = await mkdtemp(path.join(tmpdir(), "tailor-segment-cli-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("tailor segment count", () => {
  it("prints the count, each condition alone, and explains a member and a non-member in the same words as ever (a country given by name, stored as its code)", async () => {
    const ada = await db.customer.create({ data: { email: "ada@example.com", country: "FR" }, select: { id: true } });
    const bob = await db.customer.create({ data: { email: "bob@example.com", country: "DE" }, select: { id: true } });
    await db.event.createMany({
      data: [0, 1].map((i) => ({ customerId: ada.id, type: "product_viewed", occurredAt: new Date(Date.now() - (i + 1) * 3_600_000) })),
    });
    const file = path.join(dir, "rules.json");
    await writeFile(
      file,
      JSON.stringify({
        name: "French viewers",
        rules: {
          type: "group",
          op: "and",
          children: [
            { type: "condition", kind: "attribute", field: "country", valueType: "text", op: "eq", value: "France" },
            {
              type: "condition",
              kind: "event",
              eventType: "product_viewed",
              countOp: "gte",
              count: 2,
              window: { type: "last", amount: 7, unit: "days" },
            },
          ],
        },
      }),
    );

    // Three processes at once: each pays the CLI's start-up.
    const [count, member, other] = await Promise.all([
      tailor("segment", "count", file),
      tailor("segment", "count", file, "--explain", "ada@example.com"),
      tailor("segment", "count", file, "--explain", String(bob.id)),
    ]);
    expect(count.code).toBe(0);
    expect(count.stdout.trim()).toBe("1");
    expect(count.stderr).toContain('[0] Country is "France": 1 alone');
    expect(count.stderr).toContain('[1] Did "product_viewed" at least 2 times in the last 7 days: 1 alone');

    expect(member.code).toBe(0);
    expect(member.stdout).toContain(`Customer ${ada.id} IS in the segment.`);
    expect(member.stdout).toContain('  ✓ [0] Country is "France" — value: FR');
    expect(member.stdout).toContain('  ✓ [1] Did "product_viewed" at least 2 times in the last 7 days — value: 2');

    expect(other.code).toBe(0);
    expect(other.stdout).toContain(`Customer ${bob.id} is NOT in the segment.`);
    expect(other.stdout).toContain('  ✗ [0] Country is "France" — value: DE');
    expect(other.stdout).toContain('  ✗ [1] Did "product_viewed" at least 2 times in the last 7 days — value: 0');
  }, 180_000);
});
