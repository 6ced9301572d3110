import { describe, expect, it } from "vitest";
import { db } from "../db";
import { SEGMENT_FROM, compileRules } from "./compile-rules";
import { ensureEventRollupKeys } from "./ensure-event-rollup-keys";
import { insertFuzzData } from "../../test/insert-segment-fuzz-data";
import { EVENT_TYPES, PROP_KEYS, randomData, randomRules, REF } from "../../test/segment-fuzz-data";
import { referenceMembers } from "../../test/segment-reference";
import { previewSegment } from "./preview-segment";
import { analyzeConsentPurposes } from "./analyze-rules";
import { consentOptOutDefaults } from "./consent-sql";
import { readKnownFacts } from "./known-facts";
import { setsStatement } from "./set-algebra";
import { rankTest } from "./purchase-count-sql";
import { segmentRulesSchema, type RuleNode } from "./schemas";
import { SqlParams } from "./sql-params";

const SEGMENTS = ["seg-a", "seg-'b"];
const DATASETS = 12;
const RULES_PER_DATASET = 60;
/** A reference date off the hour: event_counts' whole hours then end 37 minutes before it. */
const REF_OFF_HOUR = new Date(REF.getTime() + 37 * 60_000 + 12_345);
/**
 * A reference date after every generated purchase: order counts then read customer_purchase_ranks
 * (057). "The last 7 days" then starts exactly at REF, where the generator puts instants to the second.
 */
const REF_AFTER_ALL = new Date(REF.getTime() + 7 * 86_400_000);
const ROLLUP_KEYS = EVENT_TYPES.flatMap((eventType) => PROP_KEYS.map((key) => ({ eventType, key })));

async function sqlMembers(
  rules: ReturnType<typeof randomRules>,
  only?: number[],
  ref = REF,
  form: "where" | "filter" = "filter",
): Promise<number[]> {
  const params = new SqlParams();
  const ids = only ? params.add(only) : "";
  // Re-evaluating some customers pushes the restriction into every subquery: it must not change who matches.
  const compiled = compileRules(rules, { ref, params, scope: only ? (col) => `${col} = ANY(${ids}::int[])` : undefined });
  const where = only ? `c.id = ANY(${ids}::int[]) AND (${compiled[form]})` : compiled[form];
  const rows = await db.$queryRawUnsafe<{ id: number }[]>(
    `SELECT c.id FROM ${SEGMENT_FROM} WHERE ${where} ORDER BY c.id`,
    ...compiled.params.values,
  );
  return rows.map((r) => r.id);
}

/** The preview's form: each leaf computed once as a column, the tree combined over those columns. */
async function combinedMembers(rules: ReturnType<typeof randomRules>): Promise<number[]> {
  const compiled = compileRules(rules, { ref: REF });
  const leaves = compiled.leaves.map((l, i) => `, (${l.sql}) AS l${i}`).join("");
  const rows = await db.$queryRawUnsafe<{ id: number }[]>(
    `SELECT x.id FROM (SELECT c.id${leaves} FROM ${SEGMENT_FROM}) x WHERE ${compiled.combine((i) => `x.l${i}`)} ORDER BY x.id`,
    ...compiled.params.values,
  );
  return rows.map((r) => r.id);
}

let rulesSeed = 0;
/** The sets form: each condition's customers as a sorted array, the tree as set algebra over them (decision 051). */
async function setMembers(rules: ReturnType<typeof randomRules>, ref = REF): Promise<number[] | null> {
  // With the facts read in advance (as the preview compiles) on every other rule, else checked in the SQL.
  const known = rulesSeed++ % 2 === 0 ? await readKnownFacts(ref) : undefined;
  const compiled = compileRules(rules, { ref, consentOptOut: await consentOptOutDefaults(analyzeConsentPurposes(rules)), known });
  if (!compiled.leaves.every((l) => l.set)) return null;
  const sets = setsStatement(compiled);
  const rows = await db.$queryRawUnsafe<{ id: number }[]>(
    `${sets.with} ${sets.total.negated ? "SELECT c.id FROM customers c WHERE c.id NOT IN (SELECT unnest(t) FROM y)" : "SELECT unnest(t) AS id FROM y"} ORDER BY 1`,
    ...compiled.params.values,
  );
  return rows.map((r) => r.id);
}

/** Whether a condition of the tree is an order count the kept purchase ranks can answer. */
function readsPurchaseRanks(node: RuleNode): boolean {
  if (node.type === "group") return node.children.some(readsPurchaseRanks);
  return (
    node.kind === "order" &&
    node.measure === "count" &&
    node.sku === undefined &&
    node.category === undefined &&
    (node.window.type === "ever" || node.window.type === "last") &&
    rankTest(node.op, node.value) !== null
  );
}

describe("the compiled SQL against the TypeScript reference evaluator", () => {
  it(`agrees on ${DATASETS * RULES_PER_DATASET} random rule trees over random data with hostile strings`, async () => {
    let nonTrivial = 0;
    let rankChecks = 0;
    let setForms = 0;
    for (let d = 0; d < DATASETS; d++) {
      const data = randomData(1000 + d, SEGMENTS);
      // Property values in event_counts: none (raw events only), counted by the triggers as the
      // events arrive, or counted afterwards when the keys are added.
      const rollups = (["none", "triggers", "added later"] as const)[d % 3];
      await db.$executeRawUnsafe(`DELETE FROM event_rollup_keys`);
      await db.$executeRawUnsafe(`DELETE FROM event_counts WHERE key <> ''`);
      if (rollups === "triggers") await ensureEventRollupKeys({ keys: ROLLUP_KEYS });
      await insertFuzzData(data, SEGMENTS);
      if (rollups === "added later") await ensureEventRollupKeys({ keys: ROLLUP_KEYS });
      for (let r = 0; r < RULES_PER_DATASET; r++) {
        const seed = d * 10_000 + r;
        const rules = segmentRulesSchema.parse(randomRules(seed, SEGMENTS));
        const expected = referenceMembers(data, rules, REF);
        const actual = await sqlMembers(rules);
        if (expected.length > 0 && expected.length < data.customers.length) nonTrivial++;
        expect(actual, `data seed ${1000 + d}, rules seed ${seed}: ${JSON.stringify(rules)}`).toEqual(expected);
        expect(await sqlMembers(rules, undefined, REF, "where"), `never-null form, rules seed ${seed}`).toEqual(expected);
        expect(await combinedMembers(rules), `combined leaves, rules seed ${seed}`).toEqual(expected);
        const bySets = await setMembers(rules);
        if (bySets) setForms++;
        if (bySets) expect(bySets, `set algebra over the conditions' sets, rules seed ${seed}`).toEqual(expected);
        expect(
          await sqlMembers(rules, undefined, REF_OFF_HOUR),
          `reference date off the hour, rules seed ${seed}, rollups ${rollups}`,
        ).toEqual(referenceMembers(data, rules, REF_OFF_HOUR));
        if (readsPurchaseRanks(rules)) {
          // Purchases after REF send order counts to the aggregate over orders, none after REF_AFTER_ALL to the ranks.
          rankChecks++;
          const later = referenceMembers(data, rules, REF_AFTER_ALL);
          expect(await sqlMembers(rules, undefined, REF_AFTER_ALL), `reference date after every purchase, rules seed ${seed}`).toEqual(
            later,
          );
          expect(
            await sqlMembers(rules, undefined, REF_AFTER_ALL, "where"),
            `never-null form after every purchase, rules seed ${seed}`,
          ).toEqual(later);
          const laterSets = await setMembers(rules, REF_AFTER_ALL);
          if (laterSets) expect(laterSets, `set algebra after every purchase, rules seed ${seed}`).toEqual(later);
          const some = data.customers.filter((c) => c.id % 2 === r % 2).map((c) => c.id);
          expect(await sqlMembers(rules, some, REF_AFTER_ALL), `scoped after every purchase, rules seed ${seed}`).toEqual(
            later.filter((id) => some.includes(id)),
          );
        }
        if (r % 4 === 0) {
          // The preview counts the rule and each condition alone in its own form (decision 051).
          const preview = await previewSegment({ rules, now: REF, sampleSize: 5 });
          expect(preview.total, `preview total, rules seed ${seed}`).toBe(expected.length);
          expect(
            preview.sample.map((s) => s.id),
            `preview sample, rules seed ${seed}`,
          ).toEqual(expected.slice(0, 5));
          const alone: Record<string, number> = {};
          const leaves = (node: RuleNode, path: number[]): void => {
            if (node.type === "condition")
              alone[path.join(".")] = referenceMembers(data, { type: "group", op: "and", children: [node] }, REF).length;
            else node.children.forEach((child, i) => leaves(child, [...path, i]));
          };
          leaves(rules, []);
          expect(preview.conditionCounts, `preview per-condition counts, rules seed ${seed}`).toEqual(alone);
        }
        const only = data.customers.filter((c) => c.id % 3 === r % 3).map((c) => c.id);
        expect(await sqlMembers(rules, only), `scoped to ${only.join(",")}, rules seed ${seed}`).toEqual(
          expected.filter((id) => only.includes(id)),
        );
      }
    }
    // The generator must produce rules that split the customers, or the test would prove little.
    expect(nonTrivial).toBeGreaterThan(DATASETS * RULES_PER_DATASET * 0.3);
    expect(rankChecks).toBeGreaterThan(60);
    expect(setForms).toBeGreaterThan(DATASETS * RULES_PER_DATASET * 0.5);
    // Nothing hostile ever reached the SQL text.
    expect(await db.customer.count()).toBeGreaterThan(0);
  }, 240_000);
});
