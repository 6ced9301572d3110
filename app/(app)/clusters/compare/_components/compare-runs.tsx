"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { clusterQueries } from "@/lib/query/clusters";
import { clusterLabel } from "@/lib/clustering/runs/schemas";

const control =
  "rounded-md border-0 px-2 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600";

/** Two run pickers and the crosstab of how customers moved (row: run A's cluster, column: run B's). */
export function CompareRuns({
  runs,
  initialA,
  initialB,
}: {
  runs: { id: string; name: string; k: number }[];
  initialA: string;
  initialB: string;
}) {
  const [a, setA] = useState(initialA);
  const [b, setB] = useState(initialB);
  const { data, error, isFetching } = useQuery(clusterQueries.compare(a, b));
  if (runs.length < 2) {
    return (
      <Card>
        <EmptyState title="Two finished runs are needed">
          <p>Run a clustering twice (another k, other features or another method), then compare how customers moved.</p>
        </EmptyState>
      </Card>
    );
  }
  const rowsA = data ? [...new Set(data.cells.map((c) => c.from))].sort((x, y) => x - y) : [];
  const colsB = data ? [...new Set(data.cells.map((c) => c.to))].sort((x, y) => x - y) : [];
  const cell = (f: number, t: number) => data?.cells.find((c) => c.from === f && c.to === t)?.count ?? 0;
  const rowTotal = (f: number) => data?.cells.filter((c) => c.from === f).reduce((s, c) => s + c.count, 0) ?? 0;
  const label = (names: string[], c: number) => clusterLabel(c, names);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-4 text-sm font-medium text-slate-700">
        {(
          [
            ["A", "rows", a, setA],
            ["B", "columns", b, setB],
          ] as const
        ).map(([run, axis, value, setValue]) => (
          <label key={run}>
            Run {run} ({axis})
            <select aria-label={`Run ${run}`} className={`${control} ml-2`} value={value} onChange={(e) => setValue(e.target.value)}>
              {runs.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {a === b ? <Alert tone="info">Choose two different runs.</Alert> : null}
      {error ? (
        <Alert tone="error" title="Could not compare">
          {error.message}
        </Alert>
      ) : null}
      {data ? (
        <Card>
          <CardBody className="space-y-3">
            <p className="text-sm text-slate-600">
              {data.inBoth.toLocaleString("en-GB")} customers are in both runs
              {data.onlyInA || data.onlyInB
                ? ` (${data.onlyInA.toLocaleString("en-GB")} only in A, ${data.onlyInB.toLocaleString("en-GB")} only in B)`
                : ""}
              . Each cell: customers, and the share of the row.{isFetching ? " Updating…" : ""}
            </p>
            <div className="overflow-x-auto">
              <table className="min-w-full text-sm" data-testid="compare-table">
                <thead>
                  <tr className="text-xs text-slate-500">
                    <th className="px-3 py-2 text-left">A ↓ · B →</th>
                    {colsB.map((t) => (
                      <th key={t} className="px-3 py-2 text-right">
                        {label(data.b.names, t)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {rowsA.map((f) => (
                    <tr key={f}>
                      <th scope="row" className="px-3 py-2 text-left font-medium text-slate-800">
                        {label(data.a.names, f)}
                      </th>
                      {colsB.map((t) => {
                        const n = cell(f, t);
                        const share = n / Math.max(rowTotal(f), 1);
                        return (
                          <td
                            key={t}
                            className="px-3 py-2 text-right tabular-nums"
                            style={{
                              background: `rgba(79, 70, 229, ${(share * 0.6).toFixed(2)})`,
                              color: share > 0.5 ? "white" : undefined,
                            }}
                          >
                            {n.toLocaleString("en-GB")} <span className="text-xs opacity-80">({(share * 100).toFixed(0)} %)</span>
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}
