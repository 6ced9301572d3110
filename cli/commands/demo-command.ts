import { parseArgs } from "node:util";
import { z } from "zod";
import { loadDemoData } from "../../lib/demo/load-demo-data";
import { rebuildCustomerFeatures } from "../../lib/features/rebuild-customer-features";
import { formatNumber } from "../format-number";
import { prepareDatabase } from "../prepare-database";
import { createProgressLine } from "../progress-line";
import { UsageError } from "../usage-error";

const optionsSchema = z.object({
  customers: z.coerce.number().int().min(1).max(2_000_000).optional(),
  seed: z.coerce.number().int().optional(),
  force: z.boolean(),
});

/** tailor demo [--customers N] [--seed S] [--force]: loads the generated demo shop. */
export async function demoCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { customers: { type: "string" }, seed: { type: "string" }, force: { type: "boolean", default: false } },
  });
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success) {
    throw new UsageError(`demo: ${parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  await prepareDatabase();
  const progress = createProgressLine({ label: "Demo data" });
  try {
    const result = await loadDemoData({ ...parsed.data, onProgress: (p) => progress.update(p) });
    progress.done();
    if (result.skipped) {
      console.log("Demo data not loaded: the database already holds data (or the demo was loaded before). Use --force to replace it.");
    } else {
      console.log(
        `Demo data loaded: ${formatNumber(result.customers)} customers, ${formatNumber(result.orders)} orders, ${formatNumber(result.events)} events.`,
      );
      // Segments, the RFM page and charts read the feature table: fill it now, not at the nightly rescore.
      const features = await rebuildCustomerFeatures();
      console.log(`Customer features and RFM scores computed for ${formatNumber(features.customers)} customers.`);
    }
    return 0;
  } catch (e) {
    progress.done();
    throw e;
  }
}
