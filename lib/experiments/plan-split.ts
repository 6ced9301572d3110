/** Client-safe. How the fan-out will split `mailable` recipients (the same arithmetic as assignVariantsSql). */
export function planSplit(mailable: number, e: { testPercent: number; holdoutPercent: number; variants: number }) {
  const holdout = Math.floor((mailable * e.holdoutPercent) / 100);
  const test = Math.min(mailable - holdout, Math.ceil((mailable * e.testPercent) / 100));
  return { holdout, test, perVariant: Math.floor(test / e.variants), rest: mailable - holdout - test };
}
