import { parseArgs } from "node:util";
import { getStats } from "../../lib/stats/get-stats";
import { formatRows } from "../format-number";
import { prepareDatabase } from "../prepare-database";

/** tailor stats [--json]: what the database holds, and the last import's report. */
export async function statsCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: "boolean", default: false } } });
  await prepareDatabase();
  const stats = await getStats();
  if (values.json) {
    console.log(JSON.stringify(stats, null, 2));
    return 0;
  }
  const { data, lastImport: last } = stats;
  const out = [
    "Data",
    formatRows([
      ["customers", data.customers],
      ["identities", data.identities],
      ["orders", data.orders, "incl. cancellations"],
      ["cancellations", data.cancellations],
      ["order lines", data.orderLines],
      ["events", data.events],
    ]),
    "",
  ];
  if (!last) {
    out.push("Last import: none yet");
  } else {
    out.push(
      `Last import: ${last.fileName} (${last.kind}), ${last.status}${last.finishedAt ? ` at ${last.finishedAt.toISOString()}` : ""}, id ${last.id}`,
    );
    out.push(
      formatRows([
        ["rows read", last.rowsRead],
        ["imported", last.imported],
        ["already present", last.alreadyPresent],
        ["without customer", last.withoutCustomer],
        ["rejected", last.rejected],
      ]),
    );
  }
  console.log(out.join("\n"));
  return 0;
}
