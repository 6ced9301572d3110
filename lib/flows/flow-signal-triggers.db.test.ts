import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer, liveFlow, startOfMinute } from "../../test/flow-test-kit";
import { env } from "../env";

/**
 * The flow_signals triggers run inside the tracking worker's statements, on connections where its
 * fast path once disabled sequential scans (SET LOCAL). Their plans must not keep that setting: a plan
 * costed at 10^10 is JIT-compiled on every tracking batch (decision 149).
 */
let client: pg.Client;
const notices: string[] = [];

beforeAll(async () => {
  await liveFlow(
    { name: "Cart", trigger: { kind: "event", event: "Added to Cart", where: [] }, steps: [{ id: "tag", kind: "add_tag", tag: "t" }] },
    startOfMinute(),
  );
  client = new pg.Client({ connectionString: env().DATABASE_URL });
  await client.connect();
  client.on("notice", (n) => notices.push(n.message ?? ""));
});
afterAll(() => client.end());

const insertEvent = (customerId: number) =>
  client.query(
    `INSERT INTO events (customer_id, type, occurred_at, properties, source) VALUES ($1, 'Added to Cart', now(), '{}', 'tracking:test')`,
    [customerId],
  );

describe("the flow signal triggers' plans", () => {
  it("stay cheap on a connection where a transaction planned them with sequential scans off, and are never JIT-compiled", async () => {
    const customer = await createCustomer();
    // As the tracking fast path does: the trigger is first planned (and its plan kept) in such a transaction.
    await client.query("BEGIN");
    await client.query("SET LOCAL enable_seqscan = off");
    await insertEvent(customer);
    await client.query("COMMIT");

    // A later statement on the same connection (the identity resolution transaction), its plans shown.
    await client.query("LOAD 'auto_explain'");
    await client.query(
      "SET auto_explain.log_min_duration = 0; SET auto_explain.log_nested_statements = on; SET auto_explain.log_level = notice; SET auto_explain.log_format = json",
    );
    notices.length = 0;
    await insertEvent(customer);
    await client.query("RESET auto_explain.log_min_duration");
    const plans = notices
      .map((n) => JSON.parse(n.slice(n.indexOf("{"))) as { "Query Text": string; Plan: { "Total Cost": number }; JIT?: unknown })
      .filter((p) => p["Query Text"].includes("INSERT INTO flow_signals"));
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) {
      expect(plan.Plan["Total Cost"]).toBeLessThan(100_000);
      expect(plan.JIT).toBeUndefined();
    }
  });
});
