import { fitClassifiers } from "./train-classifier";
import { fitClv } from "./train-clv";
import { fitRecommendations } from "./train-recommendations";

/** The computations of the trainers, by name: what the training thread can be asked to run. */
export const fitTasks = {
  classifier: fitClassifiers,
  clv: fitClv,
  recommendations: fitRecommendations,
};
export type FitTask = keyof typeof fitTasks;
export type FitInput<K extends FitTask> = Parameters<(typeof fitTasks)[K]>[0];
export type FitOutput<K extends FitTask> = ReturnType<(typeof fitTasks)[K]>;
export type FitRequest = { [K in FitTask]: { task: K; input: FitInput<K> } }[FitTask];
