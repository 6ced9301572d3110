import { parseArgs } from "node:util";
import { z } from "zod";
import { getRfmSummary } from "../../lib/features/get-rfm-summary";
import { rebuildCustomerFeatures } from "../../lib/features/rebuild-customer-features";
import { formatNumber } from "../format-number";
import { prepareDatabase } from "../prepare-database";
import { createProgressLine } from "../progress-line";
import { UsageError } from "../usage-error";

const asOfSchema = z.iso.datetime({ offset: true, local: true }).or(z.iso.date()).optional();

/** tailor features rebuild [--as-of ISO]: recomputes every customer's features and RFM. */
export async function featuresCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { "as-of": { type: "string" } } });
  if (positionals[0] !== "rebuild") throw new UsageError("features: expected `features rebuild [--as-of 2011-12-10]`");
  const asOf = asOfSchema.safeParse(values["as-of"]);
  if (!asOf.success) throw new UsageError(`features: --as-of must be a date like 2011-12-10 or 2011-12-10T00:00:00Z`);
  await prepareDatabase();
  const progress = createProgressLine({ label: "Features" });
  const result = await rebuildCustomerFeatures({
    asOf: asOf.data
      ? new Date(/Z|[+-]\d\d:?\d\d$/.test(asOf.data) ? asOf.data : `${asOf.data}${asOf.data.length === 10 ? "T00:00:00" : ""}Z`)
      : undefined,
    onProgress: (p) => progress.update({ phase: p.percent < 100 ? "computing" : "done", percent: p.percent }),
  });
  progress.done();
  console.log(
    `Features rebuilt as of ${result.asOf.toISOString()}: ${formatNumber(result.customers)} customers, ${formatNumber(result.rfmPopulation)} scored for RFM, in ${(result.ms / 1000).toFixed(1)} s.`,
  );
  return 0;
}

/** tailor rfm [--json]: the RFM figures from the feature table. */
export async function rfmCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: "boolean", default: false } } });
  await prepareDatabase();
  const summary = await getRfmSummary();
  if (values.json) {
    console.log(JSON.stringify(summary, null, 2));
    return 0;
  }
  const row = (label: string, counts: number[]) => `${label}  ${counts.map((n) => formatNumber(n).padStart(8)).join("")}`;
  console.log(
    [
      `RFM as of ${summary.asOf?.toISOString() ?? "(features not built yet: run tailor features rebuild)"}: ${formatNumber(summary.population)} customers scored`,
      `score       1       2       3       4       5`,
      row("R ", summary.r),
      row("F ", summary.f),
      row("M ", summary.m),
      "",
      ...summary.segments.map((s) => `${s.name.padEnd(20)} ${formatNumber(s.customers).padStart(7)}  revenue ${s.revenue.toFixed(2)}`),
    ].join("\n"),
  );
  return 0;
}
