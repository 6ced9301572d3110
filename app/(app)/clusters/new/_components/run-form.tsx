"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type InputHTMLAttributes, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Radio } from "@/components/ui/field";
import type { ClusterFormOptions } from "@/lib/clustering/runs/list-cluster-options";
import {
  clusterRunInputSchema,
  DBSCAN_MAX_SAMPLE,
  WARD_MAX_SAMPLE,
  type AlgorithmParams,
  type ClusterRunInput,
} from "@/lib/clustering/runs/schemas";
import { postJson } from "@/lib/query/clusters";
import { ApiError, fetchJson } from "@/lib/query/fetch-json";
import { KDistancePreview } from "./k-distance-preview";

const control =
  "rounded-md border-0 px-2 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600";

const defaults: ClusterRunInput = {
  name: "",
  segmentId: null,
  features: ["recency_days", "frequency", "monetary"],
  preprocessing: { neverPurchased: "separate", missing: "median", log: ["frequency", "monetary"], scaling: "zscore", pca: null },
  algorithm: { kind: "kmeans", k: null, nInit: 10, maxIter: 300 },
  elbowMaxK: 15,
  seed: 42,
};

function Step({ n, title, children, description }: { n: number; title: string; description: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader title={`${n}. ${title}`} description={description} />
      <CardBody className="space-y-3">{children}</CardBody>
    </Card>
  );
}

/** Names of the form's fields, for the messages of the schema shared with the API. */
const fieldLabels: Record<string, string> = {
  features: "Features",
  "preprocessing.pca": "PCA components",
  "algorithm.k": "Number of clusters k",
  "algorithm.nInit": "Initialisations",
  "algorithm.cut.k": "Number of clusters k",
  "algorithm.cut.height": "Cut height",
  "algorithm.sampleSize": "Sample size",
  "algorithm.eps": "eps",
  "algorithm.minPts": "minPts",
  elbowMaxK: "Elbow up to k",
  seed: "Seed",
};

const numberOr = (v: string, fallback: number) => (v.trim() === "" || !Number.isFinite(Number(v)) ? fallback : Number(v));

type NumberFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "value" | "onChange" | "className"> & {
  label: ReactNode;
  value: number | string;
  /** The value used while the box is empty or not a number. */
  fallback: number;
  onValue: (n: number) => void;
  width?: "w-20" | "w-24" | "w-28";
};

/** A labelled number box of the method's parameters; an empty or invalid entry reads as `fallback`. */
function NumberField({ label, value, fallback, onValue, width = "w-20", ...props }: NumberFieldProps) {
  return (
    <label>
      {label}
      <input
        type="number"
        className={`${control} ml-2 ${width}`}
        value={value}
        onChange={(e) => onValue(numberOr(e.target.value, fallback))}
        {...props}
      />
    </label>
  );
}

/** The run form: population, features, each preprocessing step, algorithm and its parameters. */
export function RunForm({ options, start }: { options: ClusterFormOptions; start: ClusterRunInput | null }) {
  const router = useRouter();
  const [v, setV] = useState<ClusterRunInput>(start ?? defaults);
  const set = (patch: Partial<ClusterRunInput>) => setV((x) => ({ ...x, ...patch }));
  const setPre = (patch: Partial<ClusterRunInput["preprocessing"]>) =>
    setV((x) => ({ ...x, preprocessing: { ...x.preprocessing, ...patch } }));
  const setAlgo = (a: AlgorithmParams) => set({ algorithm: a });
  const submit = useMutation({
    mutationFn: () => fetchJson<{ id: string }>("/api/v1/clusters/runs", postJson(v)),
    onSuccess: (r) => router.push(`/clusters/${r.id}`),
  });
  const toggleFeature = (key: string, on: boolean) => {
    const features = on ? [...v.features, key] : v.features.filter((k) => k !== key);
    const info = options.features.find((f) => f.key === key);
    const log = on
      ? info?.skewed
        ? [...new Set([...v.preprocessing.log, key])]
        : v.preprocessing.log
      : v.preprocessing.log.filter((k) => k !== key);
    setV((x) => ({ ...x, features, preprocessing: { ...x.preprocessing, log } }));
  };
  const a = v.algorithm;
  const checked = clusterRunInputSchema.safeParse(v);
  const problems = checked.success
    ? []
    : checked.error.issues.map((i) => `${fieldLabels[i.path.join(".")] ?? i.path.join(".")}: ${i.message}`);
  if (v.preprocessing.pca !== null && v.preprocessing.pca > v.features.length)
    problems.push(`PCA components: at most as many as features (${v.features.length})`);
  const err = submit.error instanceof ApiError ? submit.error : submit.error ? new ApiError(0, "unknown", submit.error.message) : null;
  return (
    <form
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        submit.mutate();
      }}
    >
      <Step n={1} title="Who" description="Customers who objected to profiling (consent purpose “personalization”) are always left out.">
        <label className="block text-sm font-medium text-slate-700">
          Population
          <select
            aria-label="Population"
            className={`${control} mt-1 block w-full max-w-md`}
            value={v.segmentId ?? ""}
            onChange={(e) => set({ segmentId: e.target.value || null })}
          >
            <option value="">All customers ({options.customers.toLocaleString("en-GB")})</option>
            {options.segments.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.memberCount.toLocaleString("en-GB")})
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Run name (optional)
          <input
            className={`${control} mt-1 block w-full max-w-md`}
            value={v.name}
            maxLength={120}
            placeholder="e.g. RFM groups, spring"
            onChange={(e) => set({ name: e.target.value })}
          />
        </label>
      </Step>
      <Step
        n={2}
        title="Features"
        description="Numeric features to group customers by (at least two). Money and count features are usually skewed: a log transform is suggested for them below."
      >
        <fieldset className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3" aria-label="Features">
          {options.features.map((f) => (
            <label key={f.key} className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" checked={v.features.includes(f.key)} onChange={(e) => toggleFeature(f.key, e.target.checked)} />
              {f.label}
              {f.unit ? <span className="text-xs text-slate-600">({f.unit})</span> : null}
            </label>
          ))}
        </fieldset>
      </Step>
      <Step
        n={3}
        title="Preprocessing"
        description="Applied in this order, and stored with the run so that live segments apply exactly the same steps."
      >
        <label className="block text-sm font-medium text-slate-700">
          a. Customers who never purchased (their purchase features are missing, not low)
          <select
            aria-label="Customers who never purchased"
            className={`${control} mt-1 block w-full max-w-md`}
            value={v.preprocessing.neverPurchased}
            onChange={(e) => setPre({ neverPurchased: e.target.value as ClusterRunInput["preprocessing"]["neverPurchased"] })}
          >
            <option value="separate">Keep them apart as their own group “Never purchased”</option>
            <option value="include">Cluster them with the others (their missing values are filled as below)</option>
          </select>
        </label>
        <label className="block text-sm font-medium text-slate-700">
          b. Other missing values (e.g. an attribute some customers lack)
          <select
            aria-label="Missing values"
            className={`${control} mt-1 block w-full max-w-md`}
            value={v.preprocessing.missing}
            onChange={(e) => setPre({ missing: e.target.value as ClusterRunInput["preprocessing"]["missing"] })}
          >
            <option value="median">Fill with the median</option>
            <option value="mean">Fill with the mean</option>
            <option value="zero">Fill with 0</option>
            <option value="drop">Leave those customers out</option>
          </select>
        </label>
        <fieldset className="text-sm text-slate-700">
          <legend className="font-medium">c. Log transform (log(1 + x); values below 0 are set to 0 first and counted)</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {v.features.map((key) => (
              <label key={key} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  aria-label={`Log of ${key}`}
                  checked={v.preprocessing.log.includes(key)}
                  onChange={(e) =>
                    setPre({ log: e.target.checked ? [...v.preprocessing.log, key] : v.preprocessing.log.filter((k) => k !== key) })
                  }
                />
                {options.features.find((f) => f.key === key)?.label ?? key}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="block text-sm font-medium text-slate-700">
          d. Scaling (so that no feature dominates because of its unit)
          <select
            aria-label="Scaling"
            className={`${control} mt-1 block w-full max-w-md`}
            value={v.preprocessing.scaling}
            onChange={(e) => setPre({ scaling: e.target.value as ClusterRunInput["preprocessing"]["scaling"] })}
          >
            <option value="zscore">z-score (mean 0, standard deviation 1)</option>
            <option value="minmax">min-max (0 to 1)</option>
            <option value="none">none</option>
          </select>
        </label>
        <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
          <input
            type="checkbox"
            checked={v.preprocessing.pca !== null}
            onChange={(e) => setPre({ pca: e.target.checked ? Math.min(2, v.features.length) : null })}
          />
          e. Reduce with PCA to
          <input
            type="number"
            aria-label="PCA components"
            className={`${control} w-20`}
            min={2}
            max={Math.max(2, v.features.length)}
            disabled={v.preprocessing.pca === null}
            value={v.preprocessing.pca ?? 2}
            onChange={(e) => setPre({ pca: numberOr(e.target.value, 2) })}
          />
          components (the run page shows the variance they explain)
        </label>
      </Step>
      <Step n={4} title="Method" description="K-Means for everyone; Ward and DBSCAN on a sample, the rest assigned to the nearest cluster.">
        <div className="flex flex-wrap gap-4 text-sm" role="radiogroup" aria-label="Algorithm">
          {(
            [
              ["kmeans", "K-Means"],
              ["ward", "Hierarchical (Ward)"],
              ["dbscan", "DBSCAN"],
            ] as const
          ).map(([kind, label]) => (
            <Radio
              key={kind}
              name="algorithm"
              checked={a.kind === kind}
              onChange={() =>
                setAlgo(
                  kind === "kmeans"
                    ? { kind, k: null, nInit: 10, maxIter: 300 }
                    : kind === "ward"
                      ? { kind, cut: { by: "k", k: 4 }, sampleSize: 2000 }
                      : { kind, eps: 0.5, minPts: 10, sampleSize: DBSCAN_MAX_SAMPLE },
                )
              }
            >
              {label}
            </Radio>
          ))}
        </div>
        {a.kind === "kmeans" ? (
          <div className="flex flex-wrap items-end gap-4 text-sm text-slate-700">
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={a.k === null} onChange={(e) => setAlgo({ ...a, k: e.target.checked ? null : 4 })} />
              Use the suggested k (from the elbow and silhouette)
            </label>
            <NumberField
              label="Number of clusters k"
              aria-label="k"
              min={2}
              max={30}
              disabled={a.k === null}
              value={a.k ?? ""}
              fallback={4}
              onValue={(k) => setAlgo({ ...a, k })}
            />
            <NumberField
              label="Initialisations (k-means++, lowest inertia kept)"
              aria-label="Initialisations"
              min={1}
              max={50}
              value={a.nInit}
              fallback={10}
              onValue={(nInit) => setAlgo({ ...a, nInit })}
            />
            <NumberField
              label="Elbow up to k ="
              aria-label="Elbow up to k"
              min={3}
              max={15}
              value={v.elbowMaxK}
              fallback={15}
              onValue={(elbowMaxK) => set({ elbowMaxK })}
            />
          </div>
        ) : null}
        {a.kind === "ward" ? (
          <div className="flex flex-wrap items-end gap-4 text-sm text-slate-700">
            <label>
              Cut the tree
              <select
                aria-label="Cut by"
                className={`${control} ml-2`}
                value={a.cut.by}
                onChange={(e) => setAlgo({ ...a, cut: e.target.value === "k" ? { by: "k", k: 4 } : { by: "height", height: 10 } })}
              >
                <option value="k">into k clusters</option>
                <option value="height">at a height</option>
              </select>
            </label>
            {a.cut.by === "k" ? (
              <NumberField
                label="k"
                aria-label="k"
                min={2}
                max={30}
                value={a.cut.k}
                fallback={4}
                onValue={(k) => setAlgo({ ...a, cut: { by: "k", k } })}
              />
            ) : (
              <NumberField
                label="Height"
                aria-label="Cut height"
                step="any"
                min={0}
                width="w-24"
                value={a.cut.height}
                fallback={10}
                onValue={(height) => setAlgo({ ...a, cut: { by: "height", height } })}
              />
            )}
            <NumberField
              label={`Sample size (at most ${WARD_MAX_SAMPLE.toLocaleString("en-GB")})`}
              aria-label="Sample size"
              min={50}
              max={WARD_MAX_SAMPLE}
              width="w-24"
              value={a.sampleSize}
              fallback={2000}
              onValue={(sampleSize) => setAlgo({ ...a, sampleSize })}
            />
            <p className="w-full text-xs text-slate-500">
              Heights are Ward distances in the preprocessed units; not sure which? Cut into k clusters first: the run page draws the
              dendrogram with its heights, previews other cuts and starts a run cut where you choose.
            </p>
          </div>
        ) : null}
        {a.kind === "dbscan" ? (
          <div className="flex flex-wrap items-end gap-4 text-sm text-slate-700">
            <NumberField
              label="eps (neighbourhood radius, in scaled units)"
              aria-label="eps"
              step="any"
              min={0}
              width="w-24"
              value={a.eps}
              fallback={0.5}
              onValue={(eps) => setAlgo({ ...a, eps })}
            />
            <NumberField
              label="minPts"
              aria-label="minPts"
              min={2}
              max={200}
              value={a.minPts}
              fallback={10}
              onValue={(minPts) => setAlgo({ ...a, minPts })}
            />
            <NumberField
              label={`Sample size (at most ${DBSCAN_MAX_SAMPLE.toLocaleString("en-GB")})`}
              aria-label="Sample size"
              min={50}
              max={DBSCAN_MAX_SAMPLE}
              width="w-28"
              value={a.sampleSize}
              fallback={DBSCAN_MAX_SAMPLE}
              onValue={(sampleSize) => setAlgo({ ...a, sampleSize })}
            />
            <KDistancePreview input={v} minPts={a.minPts} eps={a.eps} onUseEps={(eps) => setAlgo({ ...a, eps })} />
          </div>
        ) : null}
        <label className="block text-sm text-slate-700">
          Seed (same seed and data → same clusters)
          <input
            type="number"
            aria-label="Seed"
            min={0}
            className={`${control} ml-2 w-28`}
            value={v.seed}
            onChange={(e) => set({ seed: numberOr(e.target.value, 42) })}
          />
        </label>
      </Step>
      {problems.length ? (
        <Alert tone="warning" title="Check these fields before starting">
          <ul className="list-disc pl-5" data-testid="form-problems">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {err ? (
        <Alert tone="error" title="The run was not started">
          {err.message}
        </Alert>
      ) : null}
      <Button type="submit" disabled={submit.isPending || problems.length > 0}>
        {submit.isPending ? "Starting…" : "Start clustering"}
      </Button>
    </form>
  );
}
