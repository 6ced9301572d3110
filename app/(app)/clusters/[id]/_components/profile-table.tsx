import { describeClusterFeature, type ClusterResults } from "@/lib/clustering/runs/schemas";
import { cn } from "@/components/ui/cn";
import { fmt } from "../../_components/describe-params";

/** Features as rows, clusters as columns: mean and median, the largest differences highlighted. */
export function ProfileTable({ results, names, currency }: { results: ClusterResults; names: string[]; currency: string }) {
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
