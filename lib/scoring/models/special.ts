import gammaln from "@stdlib/math-base-special-gammaln";
import digamma from "@stdlib/math-base-special-digamma";

export { gammaln, digamma };

/**
 * Gauss's hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z < 1 by its power series (BG/NBD's
 * conditional expectation needs it with z = t / (α + T + t)). Throws when the series does not
 * settle, rather than returning a wrong number.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1)) throw new RangeError(`hyp2f1 needs 0 ≤ z < 1 (got ${z})`);
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 200_000; k++) {
    term *= (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
    sum += term;
    if (Math.abs(term) <= 1e-15 * Math.abs(sum)) return sum;
    if (!Number.isFinite(sum)) break;
  }
  throw new RangeError(`hyp2f1(${a}, ${b}; ${c}; ${z}) did not converge`);
}
