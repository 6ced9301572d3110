/** One colour per cluster (noise grey), shared by every clustering chart. */
export const clusterPalette = [
  "#4f46e5",
  "#0891b2",
  "#16a34a",
  "#ea580c",
  "#db2777",
  "#9333ea",
  "#ca8a04",
  "#0d9488",
  "#dc2626",
  "#2563eb",
  "#65a30d",
  "#c026d3",
  "#475569",
  "#b45309",
  "#0284c7",
];

export const clusterColor = (cluster: number): string => (cluster < 0 ? "#94a3b8" : clusterPalette[cluster % clusterPalette.length]!);
