import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "./db";
import { env } from "./env";
import { postgresErrorCode } from "./postgres-error-code";

const failure = async (work: () => Promise<unknown>): Promise<unknown> => {
  try {
    await work();
  } catch (e) {
    return e;
  }
  throw new Error("expected the statement to fail");
};

afterAll(() => db.$disconnect());

describe("postgresErrorCode", () => {
  it("reads the SQLSTATE through Prisma's raw queries, its transactions and pg itself", async () => {
    const fk = await failure(() =>
      db.$executeRawUnsafe(
        `INSERT INTO events (customer_id, type, occurred_at, properties, source, message_id) VALUES (-5, 'x', now(), '{}', 's', 'pg-code-test')`,
      ),
    );
    expect(postgresErrorCode(fk)).toBe("23503");
    const inTx = await failure(() => db.$transaction((tx) => tx.$executeRawUnsafe(`SELECT 1/0`)));
    expect(postgresErrorCode(inTx)).toBe("22012");
    const client = new pg.Client({ connectionString: env().DATABASE_URL });
    await client.connect();
    try {
      expect(postgresErrorCode(await failure(() => client.query(`SELECT * FROM no_such_table`)))).toBe("42P01");
    } finally {
      await client.end();
    }
    expect(postgresErrorCode(new Error("deadlock detected (40P01) in a message only"))).toBeNull();
    expect(postgresErrorCode({ code: "P2034", clientVersion: "7" })).toBe("40001");
    expect(postgresErrorCode({ code: "P2025", clientVersion: "7" })).toBeNull();
  });
});
