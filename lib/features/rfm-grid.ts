/** RFM segment names, safe to import from the client. The R×F grid decides the name. */
export const rfmSegmentNames = [
  "Champions",
  "Loyal Customers",
  "Potential Loyalists",
  "New Customers",
  "Promising",
  "Need Attention",
  "About to Sleep",
  "At Risk",
  "Can't Lose Them",
  "Hibernating",
] as const;

export type RfmSegmentName = (typeof rfmSegmentNames)[number];

/** The name of the cell (R score, F score), both 1–5. */
export function rfmSegmentName(r: number, f: number): RfmSegmentName {
  if (r <= 2) return f <= 2 ? "Hibernating" : f <= 4 ? "At Risk" : "Can't Lose Them";
  if (r === 3) return f <= 2 ? "About to Sleep" : f === 3 ? "Need Attention" : "Loyal Customers";
  if (f === 1) return r === 4 ? "Promising" : "New Customers";
  if (f <= 3) return "Potential Loyalists";
  return r === 4 ? "Loyal Customers" : "Champions";
}

/** The grid as SQL CASE over columns r and f (the same table as rfmSegmentName). */
export function rfmSegmentCaseSql(r: string, f: string): string {
  return `CASE
    WHEN ${r} <= 2 AND ${f} <= 2 THEN 'Hibernating'
    WHEN ${r} <= 2 AND ${f} <= 4 THEN 'At Risk'
    WHEN ${r} <= 2 THEN 'Can''t Lose Them'
    WHEN ${r} = 3 AND ${f} <= 2 THEN 'About to Sleep'
    WHEN ${r} = 3 AND ${f} = 3 THEN 'Need Attention'
    WHEN ${r} = 3 THEN 'Loyal Customers'
    WHEN ${f} = 1 AND ${r} = 4 THEN 'Promising'
    WHEN ${f} = 1 THEN 'New Customers'
    WHEN ${f} <= 3 THEN 'Potential Loyalists'
    WHEN ${r} = 4 THEN 'Loyal Customers'
    ELSE 'Champions' END`;
}
