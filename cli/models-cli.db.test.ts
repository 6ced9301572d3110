import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ONLINE_RETAIL_CSV } from "../test/online-retail-file";
import { tailor } from "./test-helpers/run-cli";
import { pythonHas, runPython } from "@/test/python-reference";
import { db } from "../lib/db";
import { createImportRecord } from "../lib/imports/create-import-record";
import { openPgClient } from "../lib/bulk/open-pg-client";
import { runImport } from "../lib/imports/run-import";
import { readDataEnd } from "../lib/scoring/data/day-bounds";
import { columnScales, standardize, type FeatureMatrix } from "../lib/scoring/models/dataset";
import { modelWindowSchema } from "../lib/scoring/schemas";
import { buildClassifierData } from "../lib/scoring/training/build-classifier-data";

/**
 * The UCI Online Retail file through the real importer and the real CLI. The file is not part of the
 * repository: read from ../shared/data/online-retail.csv (or ONLINE_RETAIL_CSV); without it the test is
 * skipped (and says so).
 */
const root = path.resolve(import.meta.dirname, "..");
const FILE = ONLINE_RETAIL_CSV;
const script = readFileSync(path.join(root, "scripts/sklearn/reference_scoring.py"), "utf8");
const haveSklearn = pythonHas("sklearn.ensemble");

const rows = (x: FeatureMatrix) => Array.from({ length: x.rows }, (_, i) => Array.from(x.values.subarray(i * x.cols, (i + 1) * x.cols)));

describe.skipIf(!existsSync(FILE) || !haveSklearn)(`Scoring the Online Retail file (${FILE})`, () => {
  beforeAll(async () => {
    await db.setting.upsert({ where: { id: 1 }, create: { id: 1, timeZone: "UTC" }, update: { timeZone: "UTC" } });
    const { id } = await createImportRecord({ kind: "online-retail", fileName: "online-retail.csv" });
    await runImport({ importJobId: id, filePath: FILE });
  }, 600_000);

  it(
    "models train clv --json prints the BG/NBD and Gamma-Gamma fit and its holdout check, in the agreed shape",
    { timeout: 600_000 },
    async () => {
      const out = await tailor("models", "train", "clv", "--calibration-end", "2011-06-09", "--json");
      expect(out.stderr).not.toMatch(/Error/);
      expect(out.code).toBe(0);
      const report = JSON.parse(out.stdout) as Record<string, Record<string, unknown>>;
      expect(Object.keys(report).sort()).toEqual(["bgnbd", "gamma_gamma", "validation"]);
      expect(Object.keys(report.bgnbd!).sort()).toEqual(["a", "alpha", "b", "log_likelihood", "r", "time_unit"]);
      expect(report.bgnbd!.time_unit).toBe("days");
      expect(Object.keys(report.gamma_gamma!).sort()).toEqual(["p", "q", "v"]);
      for (const v of [...Object.values(report.bgnbd!), ...Object.values(report.gamma_gamma!)].filter((v) => typeof v === "number"))
        expect(Number.isFinite(v)).toBe(true);
      // No other key named r, a or b anywhere.
      const keys: string[] = [];
      const walk = (v: unknown) => {
        if (v && typeof v === "object")
          for (const [k, x] of Object.entries(v)) {
            keys.push(k);
            walk(x);
          }
      };
      walk(report.validation);
      walk(report.gamma_gamma);
      expect(keys.filter((k) => ["r", "a", "b"].includes(k))).toEqual([]);
      expect(report.validation).toMatchObject({ calibration_end: "2011-06-09", cutoff: "2011-12-09", holdout_days: 183 });
      expect(report.validation!.mean_absolute_error).toBeLessThan(3);
    },
  );

  it.each(["churn", "propensity"] as const)(
    "%s: AUCs within 0.02 of scikit-learn's on the same features and split",
    { timeout: 600_000 },
    async (kind) => {
      const out = await tailor("models", "train", kind, "--json");
      expect(out.code).toBe(0);
      const report = JSON.parse(out.stdout) as { validation: Record<string, { auc: number }> };
      const client = await openPgClient();
      try {
        const { timeZone, lastPurchaseDay } = await readDataEnd(client, new Date());
        const data = await buildClassifierData({ client, window: modelWindowSchema.parse({}), dataEnd: lastPurchaseDay, timeZone }, kind);
        const scales = columnScales(data.train.x);
        const ref = runPython<{ logistic_auc: number; boosting_auc: number }>(script, {
          task: "classifiers",
          train: { x: rows(standardize(data.train.x, scales)), y: Array.from(data.train.y) },
          test: { x: rows(standardize(data.validation.x, scales)), y: Array.from(data.validation.y) },
        });
        const ours = report.validation;
        expect(Math.abs(ours.logistic_regression!.auc - ref.logistic_auc)).toBeLessThan(0.02);
        expect(Math.abs(ours.gradient_boosting!.auc - ref.boosting_auc)).toBeLessThan(0.02);
        console.log(
          `${kind}: ours LR ${ours.logistic_regression!.auc.toFixed(4)} HGB ${ours.gradient_boosting!.auc.toFixed(4)}; sklearn LR ${ref.logistic_auc.toFixed(4)} HGB ${ref.boosting_auc.toFixed(4)}`,
        );
      } finally {
        await client.end();
      }
    },
  );
});
