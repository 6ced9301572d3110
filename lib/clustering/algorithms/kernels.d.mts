/** Shared state of one K-Means run: the data and the per-row arrays (may live on SharedArrayBuffers). */
export interface KernelState {
  data: Float64Array;
  d: number;
  labels: Int32Array;
  upper: Float64Array;
  lower: Float64Array;
  closest: Float64Array;
}
export function initClosest(s: KernelState, start: number, end: number, centre: Float64Array): Float64Array;
export function trialPotentials(
  s: KernelState,
  start: number,
  end: number,
  candidates: Float64Array,
  gap: Float64Array,
  c: number,
): Float64Array;
export function updateClosest(
  s: KernelState,
  start: number,
  end: number,
  centre: Float64Array,
  gap: Float64Array,
  index: number,
): Float64Array;
export function assignStep(
  s: KernelState,
  start: number,
  end: number,
  centres: Float64Array,
  half: Float64Array,
  full: boolean,
  move: Float64Array | null,
  maxArg: number,
  maxMove: number,
  secondMove: number,
): Float64Array;
export function warmStart(s: KernelState, start: number, end: number, k: number): Float64Array;
export function silhouetteRows(s: KernelState, start: number, end: number, sizes: Int32Array): Float64Array;
export function neighbourCounts(s: KernelState, start: number, end: number, eps2: number): Float64Array;
export function coreLinks(s: KernelState, start: number, end: number, eps2: number): Float64Array;
export function kthDistances(s: KernelState, start: number, end: number, k: number): Float64Array;
export function inertiaBlock(s: KernelState, start: number, end: number, centres: Float64Array): Float64Array;
export function farthest(s: KernelState, start: number, end: number, centres: Float64Array, count: number): Float64Array;
export type KernelName =
  | "initClosest"
  | "trialPotentials"
  | "updateClosest"
  | "assignStep"
  | "warmStart"
  | "silhouetteRows"
  | "neighbourCounts"
  | "coreLinks"
  | "kthDistances"
  | "inertiaBlock"
  | "farthest";
export const kernels: Record<KernelName, (s: KernelState, start: number, end: number, ...args: never[]) => Float64Array>;
