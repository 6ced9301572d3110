import { Rng } from "../../demo/prng";
import type { LabelledData } from "./dataset";

/** Rows with a non-linear, interacting signal, so that trees and a linear model differ. */
/** For tests and benchmarks. */
export function syntheticClassification(rows: number, seed: number): LabelledData {
  const rng = new Rng(seed);
  const cols = 6;
  const values = new Float64Array(rows * cols);
  const y = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const f = Array.from({ length: cols }, () => rng.normal());
    f[3] = Math.floor(Math.abs(f[3]!) * 5); // a count-like feature
    f[4] = Math.exp(f[4]!); // skewed, like money
    values.set(f, i * cols);
    const z = 1.2 * f[0]! - 0.8 * f[1]! + (f[2]! > 0.5 ? 1.5 : -0.5) * (f[3] > 2 ? 1 : 0) + 0.3 * Math.log(f[4]) - 0.5;
    y[i] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { x: { rows, cols, values, names: ["a", "b", "c", "count", "money", "noise"] }, y };
}
