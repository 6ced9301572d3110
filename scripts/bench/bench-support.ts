/** The p-th percentile (nearest rank) of the figures. */
export const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

/**
 * Loads the demo shop, its progress on stderr every `step` percent. Imports lib/ only when called:
 * the bench points DATABASE_URL at its own database first.
 */
export async function loadDemoShop(customers: number, step: number): Promise<void> {
  const { loadDemoData } = await import("../../lib/demo/load-demo-data");
  let last = -1;
  await loadDemoData({
    customers,
    onProgress: (p) => {
      if (Math.floor(p.percent / step) !== last) {
        last = Math.floor(p.percent / step);
        process.stderr.write(`  loading demo data: ${p.percent.toFixed(0)}% (${p.phase})\n`);
      }
    },
  });
}
