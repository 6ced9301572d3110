import { parseArgs } from "node:util";
import { systemActor } from "../../lib/audit/write-audit-log";
import { db } from "../../lib/db";
import { createModelRun } from "../../lib/scoring/runs/create-model-run";
import { runModelRun } from "../../lib/scoring/runs/run-model-run";
import { defaultModelWindow } from "../../lib/scoring/runs/propensity-category";
import { modelKinds, modelWindowSchema, type ModelKind, type ModelWindow } from "../../lib/scoring/schemas";
import { formatModelReport, modelReportJson } from "../../lib/scoring/runs/model-report";
import { prepareDatabase } from "../prepare-database";
import { createProgressLine } from "../progress-line";
import { UsageError } from "../usage-error";

const USAGE =
  "models: expected `models train <clv|churn|propensity|recommendations|--all> [--cutoff DATE] [--calibration-end DATE] [--category NAME] [--json]`";

/**
 * tailor models train <kind|--all> [--cutoff DATE] [--calibration-end DATE] [--category NAME] [--json]:
 * trains from what the database holds (--category: the product category purchase propensity predicts).
 */
export async function modelsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      all: { type: "boolean", default: false },
      cutoff: { type: "string" },
      "calibration-end": { type: "string" },
      category: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  if (positionals[0] !== "train") throw new UsageError(USAGE);
  const named = positionals[1];
  if (values.all === (named !== undefined) || positionals.length > 2) throw new UsageError(USAGE);
  if (named !== undefined && !(modelKinds as readonly string[]).includes(named))
    throw new UsageError(`models: unknown model "${named}". ${USAGE}`);
  const kinds: ModelKind[] = values.all ? [...modelKinds] : [named as ModelKind];
  const window = modelWindowSchema.safeParse({ cutoff: values.cutoff, calibrationEnd: values["calibration-end"] });
  if (values.category !== undefined && !kinds.includes("propensity"))
    throw new UsageError(`models: --category applies to propensity only. ${USAGE}`);
  if (!window.success) {
    const issue = window.error.issues[0]!;
    const flag = issue.path[0] === "calibrationEnd" ? "--calibration-end" : "--cutoff";
    throw new UsageError(`models: ${flag} ${issue.message} (e.g. 2011-09-01)`);
  }
  await prepareDatabase();
  const reports: Record<string, unknown> = {};
  let failed = false;
  for (const kind of kinds) {
    const runWindow =
      kind === "propensity" && values.category !== undefined ? await categoryWindow(window.data, values.category) : window.data;
    const run = await createModelRun({ kind, window: runWindow, actor: systemActor("cli"), trigger: "cli" });
    const progress = createProgressLine({ label: `Training ${kind}` });
    const out = await runModelRun({ runId: run.id, onProgress: (percent, phase) => progress.update({ phase, percent }) }).catch(
      (e: unknown) => {
        progress.done();
        if (kinds.length === 1) throw e;
        failed = true;
        process.stderr.write(`${kind}: ${e instanceof Error ? e.message : String(e)}\n`);
        return null;
      },
    );
    progress.done();
    if (!out) continue;
    const stored = await db.modelRun.findUniqueOrThrow({ where: { id: run.id } });
    if (values.json) reports[kind] = modelReportJson(stored);
    else console.log(formatModelReport(stored));
  }
  if (values.json) console.log(JSON.stringify(kinds.length === 1 ? reports[kinds[0]!] : reports, null, 2));
  return failed ? 1 : 0;
}

/** The window with propensity's category, refused (as on the Models page) when no product has it. */
async function categoryWindow(window: ModelWindow, category: string): Promise<ModelWindow> {
  const { category: checked } = await defaultModelWindow("propensity", category);
  return { ...window, category: checked };
}
