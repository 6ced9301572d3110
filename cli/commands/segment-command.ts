import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { AppError } from "../../lib/errors";
import { compileRules } from "../../lib/segments/compile-rules";
import { describeCondition } from "../../lib/segments/describe-condition";
import { segmentNamesOf } from "../../lib/segments/segment-names";
import { explainMembership, findCustomerId } from "../../lib/segments/explain-membership";
import { previewSegment } from "../../lib/segments/preview-segment";
import { segmentRulesSchema } from "../../lib/segments/schemas";
import { formatNumber } from "../format-number";
import { prepareDatabase } from "../prepare-database";
import { UsageError } from "../usage-error";

/** tailor segment count <rules.json> [--explain <customer id or email>] */
export async function segmentCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { explain: { type: "string" }, json: { type: "boolean", default: false } },
  });
  const [sub, file] = positionals;
  if (sub !== "count" || !file) throw new UsageError("segment: expected `segment count <rules.json> [--explain <customer id or email>]`");
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    throw new AppError(
      "unprocessable",
      `${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : `not valid JSON (${e instanceof Error ? e.message : String(e)})`}`,
    );
  }
  // A saved-segment export ({ name, rules }) or the bare rule tree.
  const candidate = typeof raw === "object" && raw !== null && "rules" in raw ? (raw as { rules: unknown }).rules : raw;
  const parsed = segmentRulesSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new AppError(
      "unprocessable",
      `${file}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`,
    );
  }
  await prepareDatabase();
  const rules = parsed.data;
  if (values.explain) {
    const customerId = await findCustomerId({ key: values.explain });
    const explained = await explainMembership({ rules, customerId });
    if (values.json) console.log(JSON.stringify(explained, null, 2));
    else {
      console.log(`Customer ${customerId} ${explained.matches ? "IS" : "is NOT"} in the segment.`);
      for (const c of explained.conditions) console.log(`  ${c.met ? "✓" : "✗"} [${c.path}] ${c.text} — value: ${c.value ?? "none"}`);
    }
    return 0;
  }
  const preview = await previewSegment({ rules, sampleSize: 0 });
  if (values.json) {
    console.log(JSON.stringify({ count: preview.total, conditionCounts: preview.conditionCounts, asOf: preview.ref }, null, 2));
    return 0;
  }
  console.log(formatNumber(preview.total));
  const leaves = compileRules(rules, { ref: new Date(preview.ref) }).leaves;
  const names = await segmentNamesOf(leaves.map((l) => l.condition));
  for (const l of leaves)
    console.error(
      `  [${l.path.join(".")}] ${describeCondition(l.condition, names)}: ${formatNumber(preview.conditionCounts[l.path.join(".")] ?? 0)} alone`,
    );
  console.error(`  (as of ${preview.ref}, ${preview.ms} ms)`);
  return 0;
}
