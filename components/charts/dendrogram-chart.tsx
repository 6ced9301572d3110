"use client";

import type { MouseEvent } from "react";
import type { TruncatedTree } from "@/lib/clustering/algorithms/dendrogram";
import { clusterColor } from "./cluster-colors";

/** What the chart colours: a cut of the tree (see cutTruncatedTree). */
export interface DendrogramCut {
  k: number;
  height: number;
  leafCluster: number[];
  mergeCluster: number[];
}

const W = 960;
const H = 420;
const M = { left: 76, right: 20, top: 28, bottom: 86 };
const plotW = W - M.left - M.right;
const plotH = H - M.top - M.bottom;
const above = "#94a3b8";
const fmtH = (h: number) => (h >= 100 ? h.toFixed(0) : h >= 10 ? h.toFixed(1) : h.toFixed(2));
const count = (n: number) => n.toLocaleString("en-GB");

/** About five round tick values from 0 to max. */
function ticks(max: number): number[] {
  if (!(max > 0)) return [0];
  const raw = max / 5;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((s) => s * pow).find((s) => s >= raw)!;
  return Array.from({ length: Math.floor(max / step + 1e-9) + 1 }, (_, i) => Number((i * step).toPrecision(6)));
}

/**
 * Ward's tree, truncated to its top merges (as scipy's truncate_mode="lastp"): each leaf stands for
 * a group of sampled customers (their number under it), the y axis is the merge height, the cut is a
 * dashed line and the branches below it take their cluster's colour. Clicking the plot picks a height.
 */
export function DendrogramChart({
  tree,
  cut,
  otherCut,
  onPickHeight,
}: {
  tree: TruncatedTree;
  cut: DendrogramCut;
  otherCut?: { height: number; label: string } | null;
  onPickHeight?: (height: number) => void;
}) {
  const p = tree.leaves.length;
  const top = tree.merges.at(-1)?.height ?? 1;
  const yMax = Math.max(top, cut.height, otherCut?.height ?? 0) * 1.08 || 1;
  const y = (h: number) => M.top + plotH * (1 - h / yMax);
  const nodeX: number[] = tree.leaves.map((_, i) => M.left + ((i + 0.5) * plotW) / p);
  const nodeH: number[] = tree.leaves.map(() => 0);
  for (const m of tree.merges) {
    nodeX.push((nodeX[m.a]! + nodeX[m.b]!) / 2);
    nodeH.push(m.height);
  }
  const clusterOfNode = (id: number) => (id < p ? cut.leafCluster[id]! : cut.mergeCluster[id - p]!);
  const segments: { key: string; x1: number; y1: number; x2: number; y2: number; color: string }[] = [];
  tree.merges.forEach((m, i) => {
    const own = cut.mergeCluster[i]!;
    const h = m.height;
    for (const child of [m.a, m.b]) {
      const x = nodeX[child]!;
      const from = nodeH[child]!;
      if (own >= 0) segments.push({ key: `${i}-${child}`, x1: x, y1: y(from), x2: x, y2: y(h), color: clusterColor(own) });
      else {
        const c = clusterOfNode(child);
        const split = c >= 0 ? Math.min(Math.max(cut.height, from), h) : from;
        if (split > from) segments.push({ key: `${i}-${child}-below`, x1: x, y1: y(from), x2: x, y2: y(split), color: clusterColor(c) });
        if (h > split) segments.push({ key: `${i}-${child}-above`, x1: x, y1: y(split), x2: x, y2: y(h), color: above });
      }
    }
    segments.push({ key: `${i}-bar`, x1: nodeX[m.a]!, y1: y(h), x2: nodeX[m.b]!, y2: y(h), color: own >= 0 ? clusterColor(own) : above });
  });
  const pick = (e: MouseEvent<SVGRectElement>) => {
    if (!onPickHeight) return;
    const box = e.currentTarget.ownerSVGElement!.getBoundingClientRect();
    const svgY = ((e.clientY - box.top) / box.height) * H;
    const h = ((M.top + plotH - svgY) / plotH) * yMax;
    if (h > 0) onPickHeight(Number(h.toPrecision(3)));
  };
  const cutY = y(cut.height);
  return (
    <div className="overflow-x-auto">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="h-auto w-full min-w-[640px]"
        role="img"
        aria-label={`Dendrogram of Ward's tree: the last ${tree.merges.length} merges, cut at height ${fmtH(cut.height)} into ${cut.k} clusters`}
        data-testid="dendrogram"
      >
        {/* y axis: grid, ticks and what the unit is */}
        {ticks(yMax).map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke="#e2e8f0" strokeDasharray="3 3" />
            <text x={M.left - 8} y={y(t)} dy="0.32em" textAnchor="end" fontSize={13} fill="#64748b">
              {String(Number(t.toPrecision(4)))}
            </text>
          </g>
        ))}
        <line x1={M.left} x2={M.left} y1={M.top} y2={M.top + plotH} stroke="#cbd5e1" />
        <text transform={`translate(18 ${M.top + plotH / 2}) rotate(-90)`} textAnchor="middle" fontSize={13} fill="#475569">
          Merge height (Ward distance, preprocessed units)
        </text>
        <rect
          x={M.left}
          y={M.top}
          width={plotW}
          height={plotH}
          fill="transparent"
          className={onPickHeight ? "cursor-crosshair" : undefined}
          onClick={pick}
          data-testid="dendrogram-plot"
        >
          {onPickHeight ? <title>Click to cut the tree at this height</title> : null}
        </rect>
        <g pointerEvents="none" strokeWidth={2} strokeLinecap="square">
          {segments.map((s) => (
            <line key={s.key} x1={s.x1} y1={s.y1} x2={s.x2} y2={s.y2} stroke={s.color} />
          ))}
        </g>
        {/* Merge nodes: hover for height and size */}
        {tree.merges.map((m, i) => (
          <circle
            key={i}
            cx={nodeX[p + i]}
            cy={y(m.height)}
            r={3.5}
            fill={cut.mergeCluster[i]! >= 0 ? clusterColor(cut.mergeCluster[i]!) : "#64748b"}
            data-testid="dendrogram-merge"
          >
            <title>{`Merge at height ${fmtH(m.height)}: ${count(nodeSize(tree, m.a))} + ${count(nodeSize(tree, m.b))} = ${count(m.size)} sampled customers`}</title>
          </circle>
        ))}
        {/* Leaves: each a group of sampled customers, coloured by its cluster */}
        {tree.leaves.map((leaf, i) => (
          <g key={i} data-testid="dendrogram-leaf" data-cluster={cut.leafCluster[i]}>
            <circle cx={nodeX[i]} cy={y(0)} r={3} fill={clusterColor(cut.leafCluster[i]!)} />
            <text transform={`translate(${nodeX[i]} ${y(0) + 10}) rotate(-90)`} textAnchor="end" dy="0.32em" fontSize={12} fill="#334155">
              {leaf.size === 1 ? "1" : `(${count(leaf.size)})`}
            </text>
            <title>
              {leaf.size === 1
                ? "One sampled customer"
                : `${count(leaf.size)} sampled customers, grouped below height ${fmtH(leaf.height)}`}
              {` · cluster ${cut.leafCluster[i]! + 1}`}
            </title>
          </g>
        ))}
        <text x={M.left + plotW / 2} y={H - 10} textAnchor="middle" fontSize={13} fill="#475569">
          Groups of the {count(tree.rows)} sampled customers (how many in each), from the last {tree.merges.length} merges
        </text>
        {otherCut ? (
          <g pointerEvents="none">
            <line
              x1={M.left}
              x2={W - M.right}
              y1={y(otherCut.height)}
              y2={y(otherCut.height)}
              stroke="#64748b"
              strokeDasharray="2 4"
              strokeWidth={1.5}
            />
            <text x={M.left + 6} y={y(otherCut.height) - 5} fontSize={11} fill="#64748b">
              {otherCut.label}
            </text>
          </g>
        ) : null}
        <g pointerEvents="none" data-testid="dendrogram-cut">
          <line x1={M.left} x2={W - M.right} y1={cutY} y2={cutY} stroke="#0f172a" strokeDasharray="6 4" strokeWidth={1.5} />
          <text
            x={W - M.right - 4}
            y={cutY - 6}
            textAnchor="end"
            fontSize={13}
            fontWeight={600}
            fill="#0f172a"
            stroke="white"
            strokeWidth={3}
            paintOrder="stroke"
          >
            cut at height {fmtH(cut.height)} → {cut.k} clusters
          </text>
        </g>
      </svg>
    </div>
  );
}

function nodeSize(tree: TruncatedTree, id: number): number {
  const p = tree.leaves.length;
  return id < p ? tree.leaves[id]!.size : tree.merges[id - p]!.size;
}
