// A K-Means worker thread (see kernel-runner.ts): keeps one state per open runner (the shared
// data and per-row arrays, and the blocks of rows this thread owns) and runs kernels over its
// blocks. Plain JavaScript so that it starts under tsx, vitest and plain node alike.
import { parentPort } from "node:worker_threads";
import { kernels } from "./kernels.mjs";

const states = new Map();

function bind({ bind: runner, d, blocks, buffers }) {
  states.set(runner, {
    blocks,
    state: {
      data: new Float64Array(buffers.data),
      d,
      labels: new Int32Array(buffers.labels),
      upper: new Float64Array(buffers.upper),
      lower: new Float64Array(buffers.lower),
      closest: new Float64Array(buffers.closest),
    },
  });
}

parentPort.on("message", (msg) => {
  try {
    if (msg.bind !== undefined) bind(msg);
    else if (msg.unbind !== undefined) states.delete(msg.unbind);
    else {
      const bound = states.get(msg.runner);
      if (!bound) throw new Error(`no data bound for runner ${msg.runner}`);
      const results = bound.blocks.map(([start, end]) => kernels[msg.kernel](bound.state, start, end, ...msg.args));
      parentPort.postMessage({ id: msg.id, results });
      return;
    }
    parentPort.postMessage({ id: msg.id, results: [] });
  } catch (e) {
    parentPort.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
  }
});
