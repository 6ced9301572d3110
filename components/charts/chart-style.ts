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

/** The title of a horizontal axis, below its ticks. */
export function bottomTitle(value: string, offset = -16) {
  return { value, position: "insideBottom", offset, ...axisLabel } as const;
}

/** The title of a vertical axis, turned along it, on its left or right. */
export function sideTitle(value: string, { side = "left", offset }: { side?: "left" | "right"; offset?: number } = {}) {
  const along = side === "left" ? ({ angle: -90, position: "insideLeft" } as const) : ({ angle: 90, position: "insideRight" } as const);
  return { value, ...along, ...(offset === undefined ? {} : { offset }), ...axisLabel, style: { textAnchor: "middle" } } as const;
}

/** A horizontal axis along the bottom, titled below its ticks. */
export function bottomAxis(title: string) {
  return {
    tick: axisTick,
    tickLine: false,
    axisLine: { stroke: "#cbd5e1" },
    label: bottomTitle(title),
  } as const;
}

/** A vertical axis on the left, its title turned along it. */
export function leftAxis(title: string, width = 64) {
  return {
    tick: axisTick,
    tickLine: false,
    axisLine: false,
    width,
    label: sideTitle(title, { offset: -4 }),
  } as const;
}
