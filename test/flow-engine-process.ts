// A flow engine in a process of its own, for tests that kill it (kill -9) mid-wait.
import { startFlowEngine } from "../lib/flows/run-flow-engine";

startFlowEngine({ log: (line) => console.error(line), intervalMs: 200 });
console.log("flow engine running");
