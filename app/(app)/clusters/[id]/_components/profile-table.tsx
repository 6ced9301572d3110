import { describeClusterFeature, type ClusterResults, type Preprocessing } from "@/lib/clustering/runs/schemas";
import { cn } from "@/components/ui/cn";
import { fmt } from "../../_components/describe-params";

const fillWords: Record<Preprocessing["missing"], string> = { median: "median", mean: "mean", zero: "0", drop: "" };

/** "412 filled with the median (45)": missing values the clustering filled, shown as such. */
function Filled({
  count,
  of,
  policy,
  fill,
}: {
  count: number | undefined;
  of: number;
  policy: Preprocessing["missing"];
  fill: number | null;
}) {
  if (!count || policy === "drop") return null;
  return (
    <span className="block text-xs font-normal text-amber-800" data-testid="filled">
      {fmt(count)} of {fmt(of)} missing, filled with {policy === "zero" ? "0" : `the ${fillWords[policy]} (${fmt(fill)})`}
    </span>
  );
}

/**
 * Features as rows, clusters as columns: mean and median of the known values, the largest
 * differences highlighted, the missing values filled for the clustering counted under them, and
 * the share of each cluster that never purchased.
 */
export function ProfileTable({
  results,
  names,
  currency,
  missing,
}: {
  results: ClusterResults;
  names: string[];
  currency: string;
  missing: Preprocessing["missing"];
}) {
  const fills = results.live?.preprocess.columns.map((c) => c.fill) ?? [];
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="profile-table">
        <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-500">
          <tr>
            <th className="px-4 py-2">Feature</th>
            <th className="px-4 py-2 text-right">
              Everyone
              <br />
              <span className="font-normal">mean · median</span>
            </th>
            {results.profiles.map((p) => (
              <th key={p.cluster} className="px-4 py-2 text-right">
                {names[p.cluster] ?? p.suggestedName}
                <br />
                <span className="font-normal">{fmt(p.size)} customers · mean · median</span>
                {p.neverPurchased ? (
                  <span className="block font-normal text-amber-800" data-testid="never-purchased-share">
                    {fmt(p.neverPurchased)} never purchased ({Math.round((p.neverPurchased / Math.max(p.size, 1)) * 100)} %)
                  </span>
                ) : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {results.features.map((key, j) => {
            const info = describeClusterFeature(key);
            const pop = results.population[j]!;
            return (
              <tr key={key}>
                <th scope="row" className="px-4 py-2 text-left font-medium text-slate-800">
                  {info.label}
                  {info.unit ? (
                    <span className="ml-1 text-xs font-normal text-slate-500">({info.unit === "currency" ? currency : info.unit})</span>
                  ) : null}
                </th>
                <td className="px-4 py-2 text-right text-slate-600 tabular-nums">
                  {fmt(pop.mean)} · {fmt(pop.median)}
                  <Filled
                    count={pop.filled}
                    of={results.sizes.reduce((s, x) => s + x, 0) + results.noise}
                    policy={missing}
                    fill={fills[j] ?? null}
                  />
                </td>
                {results.profiles.map((p) => {
                  const f = p.features[j]!;
                  const strong = Math.abs(f.difference) >= 0.5;
                  return (
                    <td
                      key={p.cluster}
                      className={cn(
                        "px-4 py-2 text-right tabular-nums",
                        strong &&
                          (f.difference > 0 ? "bg-indigo-50 font-semibold text-indigo-900" : "bg-amber-50 font-semibold text-amber-900"),
                      )}
                      title={`${f.difference >= 0 ? "+" : ""}${f.difference.toFixed(2)} standard deviations from everyone's mean`}
                    >
                      {fmt(f.mean)} · {fmt(f.median)}
                      {strong ? <span className="ml-1 text-xs">{f.difference > 0 ? "▲" : "▼"}</span> : null}
                      <Filled count={f.filled} of={p.size} policy={missing} fill={fills[j] ?? null} />
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
