import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ONLINE_RETAIL_CSV } from "../../../test/online-retail-file";
import { PYTHON, pythonHas } from "../../../test/python-reference";
import { db } from "../../db";
import { rebuildCustomerFeatures } from "../../features/rebuild-customer-features";
import { createImportRecord } from "../../imports/create-import-record";
import { runImport } from "../../imports/run-import";
import { kmeans, kmeansPlusPlusCentres } from "./kmeans";
import { preprocess } from "./preprocess";
import { silhouette } from "./silhouette";

/**
 * The project's K-Means against scikit-learn's (Debian's python3-sklearn, installed by `npm test`)
 * on the RFM features of the UCI Online Retail file, imported through the real importer with the
 * reference date pinned to 2011-12-10. The file is not part of the repository: it is read from
 * ../shared/data/online-retail.csv (or ONLINE_RETAIL_CSV); without it the test is skipped (and says so).
 */
const FILE = ONLINE_RETAIL_CSV;
const SCRIPT = path.resolve(import.meta.dirname, "../../../scripts/sklearn/reference_kmeans.py");
const dir = mkdtempSync(path.join(tmpdir(), "tailor-sklearn-ref-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, a: Float64Array | Int32Array) => {
  const file = path.join(dir, name);
  writeFileSync(file, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return file;
};

describe.skipIf(!existsSync(FILE))(`K-Means against scikit-learn on the Online Retail RFM features (${FILE})`, () => {
  it("k = 4, 10 initialisations: inertia within 1%, silhouette within 0.01, same labels from the same initial centres", async () => {
    if (!pythonHas("sklearn"))
      throw new Error(`scikit-learn is missing for ${PYTHON}: run \`npm test\` (installs it) or \`apt-get install -y python3-sklearn\`.`);
    const referenceDate = new Date("2011-12-10T00:00:00Z");
    await db.setting.upsert({
      where: { id: 1 },
      create: { id: 1, timeZone: "UTC", referenceDate },
      update: { timeZone: "UTC", referenceDate },
    });
    const { id } = await createImportRecord({ kind: "online-retail", fileName: "online-retail.csv" });
    await runImport({ importJobId: id, filePath: FILE });
    await rebuildCustomerFeatures();
    const rows = await db.$queryRawUnsafe<{ r: number; f: number; m: number }[]>(
      `SELECT recency_days AS r, frequency AS f, monetary::float8 AS m FROM customer_features WHERE r_score IS NOT NULL ORDER BY customer_id`,
    );
    expect(rows.length).toBe(4339);

    // Recency days, frequency, monetary (clipped at 0 by the log); log1p on F and M; z-score (population σ).
    const { matrix, report } = preprocess(
      {
        columns: [{ key: "recency" }, { key: "frequency", skewed: true }, { key: "monetary", skewed: true }],
        values: Float64Array.from(rows.flatMap((x) => [x.r, x.f, x.m])),
        rows: rows.length,
      },
      { missing: "drop", log: true, scaling: "zscore" },
    );
    expect(report.dropped).toBe(0);
    expect(report.clipped.monetary).toBeGreaterThan(0);

    const ours = kmeans(matrix, { k: 4, nInit: 10, seed: 42 });
    const init = kmeansPlusPlusCentres(matrix, 4, 7);
    const fromInit = kmeans(matrix, { k: 4, seed: 0, init });
    const request = {
      matrix: write("x.f64", matrix.data),
      cols: matrix.cols,
      k: 4,
      n_init: 10,
      seed: 0,
      labels: write("labels.i32", ours.labels),
      init: write("init.f64", init),
    };
    writeFileSync(path.join(dir, "request.json"), JSON.stringify(request));
    const sk = JSON.parse(execFileSync(PYTHON, [SCRIPT, path.join(dir, "request.json")], { encoding: "utf8", maxBuffer: 64 << 20 })) as {
      rows: number;
      inertia: number;
      silhouette: number;
      silhouetteOfProjectLabels: number;
      fromInit: { labels: number[]; inertia: number; iterations: number };
    };
    expect(sk.rows).toBe(4339);
    console.log(
      `project inertia ${ours.inertia.toFixed(3)} vs scikit-learn ${sk.inertia.toFixed(3)}; silhouette ${silhouette(matrix, ours.labels).score.toFixed(4)} vs ${sk.silhouette.toFixed(4)}`,
    );
    expect(Math.abs(ours.inertia - sk.inertia) / sk.inertia).toBeLessThanOrEqual(0.01);
    const s = silhouette(matrix, ours.labels);
    expect(s.sampled).toBe(false);
    expect(Math.abs(s.score - sk.silhouetteOfProjectLabels)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(s.score - sk.silhouette)).toBeLessThanOrEqual(0.01);
    expect(Array.from(fromInit.labels)).toEqual(sk.fromInit.labels);
    expect(fromInit.inertia).toBeCloseTo(sk.fromInit.inertia, 6);
  }, 600_000);
});
