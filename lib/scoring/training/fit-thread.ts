import { serveThread } from "../../threads/serve-thread";
import { fitTasks, type FitRequest } from "./fit-tasks";

/** The training thread: runs one fit task (fitInThread) and posts its progress and result. */
await serveThread((request: FitRequest, progress) => ({
  result: (fitTasks[request.task] as (input: unknown, p: typeof progress) => unknown)(request.input, progress),
}));
