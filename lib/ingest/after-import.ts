/**
 * Runs once an import has committed, with the customers it created or changed. The hook for
 * per-customer features (lib/features, built separately): at merge time, call its
 * "recompute features for these customers" function here. Until then it does nothing.
 */
export async function afterImport(opts: { importJobId: string; touchedCustomerIds: number[] }): Promise<void> {
  void opts;
}
