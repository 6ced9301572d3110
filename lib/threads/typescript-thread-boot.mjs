// Entry of Tailor's worker threads: registers tsx (the worker process runs TypeScript from source),
// then loads the TypeScript entry named in workerData.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
