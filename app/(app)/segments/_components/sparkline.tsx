/** Segment size over time as a small line (days on x, customers on y); min and max in the tooltip. */
export function Sparkline({ points }: { points: { day: string; size: number }[] }) {
  if (points.length < 2)
    return (
      <span className="text-xs text-slate-600">
        {points.length === 1 ? `${points[0]!.size.toLocaleString("en-GB")} today` : "no history yet"}
      </span>
    );
  const w = 120;
  const h = 28;
  const sizes = points.map((p) => p.size);
  const min = Math.min(...sizes);
  const max = Math.max(...sizes);
  const x = (i: number) => (i / (points.length - 1)) * (w - 2) + 1;
  const y = (v: number) => (max === min ? h / 2 : h - 2 - ((v - min) / (max - min)) * (h - 4));
  const d = points.map((p, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(p.size).toFixed(1)}`).join(" ");
  return (
    <svg
      width={w}
      height={h}
      role="img"
      aria-label={`Customers from ${points[0]!.day} to ${points.at(-1)!.day}: ${min.toLocaleString("en-GB")} to ${max.toLocaleString("en-GB")}`}
    >
      <title>{`${points[0]!.day} → ${points.at(-1)!.day}: min ${min.toLocaleString("en-GB")}, max ${max.toLocaleString("en-GB")} customers`}</title>
      <path d={d} fill="none" stroke="#4f46e5" strokeWidth={1.5} />
    </svg>
  );
}
