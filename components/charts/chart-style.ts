/**
 * The look every Tailor chart shares (Recharts props): axis ticks and titles, grid, tooltip and
 * legend. Every chart names its axes with their units (`bottomAxis("Month")`, `leftAxis("Revenue (GBP)")`).
 */
export const axisTick = { fontSize: 12, fill: "#64748b" };
export const axisLabel = { fontSize: 12, fill: "#475569" };
export const gridStroke = "#e2e8f0";
export const tooltipStyle = { borderRadius: 8, borderColor: gridStroke, fontSize: 13 };
export const legendProps = { verticalAlign: "top", height: 32, iconType: "circle", wrapperStyle: { fontSize: 13 } } as const;
export const chartMargin = { top: 8, right: 16, bottom: 24, left: 16 };

/** A horizontal axis along the bottom, titled below its ticks. */
export function bottomAxis(title: string) {
  return {
    tick: axisTick,
    tickLine: false,
    axisLine: { stroke: "#cbd5e1" },
    label: { value: title, position: "insideBottom", offset: -16, ...axisLabel },
  } as const;
}

/** A vertical axis on the left, its title turned along it. */
export function leftAxis(title: string, width = 64) {
  return {
    tick: axisTick,
    tickLine: false,
    axisLine: false,
    width,
    label: { value: title, angle: -90, position: "insideLeft", offset: -4, ...axisLabel, style: { textAnchor: "middle" } },
  } as const;
}
