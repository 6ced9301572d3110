import { AppError } from "../../errors";

/** A row-major matrix: row i, column j is data[i * cols + j]. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/**
 * Input the algorithms cannot work with (a population smaller than k, a feature with no variance,
 * eps out of range…). `field` names the form field or feature to fix; the message says how.
 */
export class ClusteringInputError extends AppError {
  constructor(
    public readonly field: string,
    message: string,
  ) {
    super("unprocessable", message, { field });
    this.name = "ClusteringInputError";
  }
}

export function matrix(rows: number, cols: number, data?: Float64Array | number[]): Matrix {
  const values = data instanceof Float64Array ? data : data ? Float64Array.from(data) : new Float64Array(rows * cols);
  if (values.length !== rows * cols) throw new RangeError(`Matrix data has ${values.length} values, expected ${rows} × ${cols}`);
  return { rows, cols, data: values };
}

/** Builds a matrix from an array of rows (tests, small inputs). */
export function fromRows(rows: ArrayLike<number>[]): Matrix {
  const cols = rows[0]?.length ?? 0;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((r, i) => data.set(Array.from(r), i * cols));
  return { rows: rows.length, cols, data };
}

/** The rows of m at the given indices, as a new matrix. */
export function takeRows(m: Matrix, indices: ArrayLike<number>): Matrix {
  const out = new Float64Array(indices.length * m.cols);
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i]!;
    out.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), i * m.cols);
  }
  return { rows: indices.length, cols: m.cols, data: out };
}

/** Squared Euclidean distance between row i of a and row j of b (same number of columns). */
export function squaredDistance(a: Float64Array, i: number, b: Float64Array, j: number, cols: number): number {
  let s = 0;
  const x = i * cols;
  const y = j * cols;
  for (let c = 0; c < cols; c++) {
    const t = a[x + c]! - b[y + c]!;
    s += t * t;
  }
  return s;
}

export function requireFinite(m: Matrix, field = "features"): void {
  for (let i = 0; i < m.data.length; i++) {
    if (!Number.isFinite(m.data[i]!)) {
      throw new ClusteringInputError(
        field,
        `Row ${Math.floor(i / m.cols) + 1}, column ${(i % m.cols) + 1} is not a finite number: preprocess the data (missing-value policy) first.`,
      );
    }
  }
}

export function abortIfNeeded(signal?: AbortSignal): void {
  if (signal?.aborted)
    throw signal.reason instanceof Error ? signal.reason : new DOMException("The clustering was cancelled.", "AbortError");
}
