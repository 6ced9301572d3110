/**
 * The most a server action accepts in one call: Next's `serverActions.bodySizeLimit` (its 1 MB
 * default; next.config.js does not change it). Client-safe, so forms can say "too large" before sending.
 */
export const maxActionBodyBytes = 1024 * 1024;

/** What a form says when its input is over the limit: how large, the limit, and what to do. */
export function actionInputTooLargeMessage(bytes: number): string {
  const mb = (n: number) => `${(n / 1024 / 1024).toLocaleString("en", { maximumFractionDigits: 1 })} MB`;
  return `The input is too large: ${mb(bytes)}, and Tailor accepts at most ${mb(maxActionBodyBytes)} in one save. Shorten it, or split it and save the parts one after the other.`;
}
