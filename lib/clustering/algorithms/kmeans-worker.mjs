// A K-Means worker thread (see kernel-runner.ts): runs kernels over its own blocks of rows of the
// shared data. Plain JavaScript so that it starts under tsx, vitest and plain node alike.
import { parentPort, workerData } from "node:worker_threads";
import { kernels } from "./kernels.mjs";

const { d, blocks, buffers } = workerData;
const state = {
  data: new Float64Array(buffers.data),
  d,
  labels: new Int32Array(buffers.labels),
  upper: new Float64Array(buffers.upper),
  lower: new Float64Array(buffers.lower),
  closest: new Float64Array(buffers.closest),
};

parentPort.on("message", ({ id, kernel, args }) => {
  try {
    const results = blocks.map(([start, end]) => kernels[kernel](state, start, end, ...args));
    parentPort.postMessage({ id, results });
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
