import type pg from "pg";
import type { ModelWindow } from "../schemas";
import type { FitInput, FitOutput, FitTask } from "./fit-tasks";

/** What every trainer gets: a connection, the window asked for, where the data ends, progress and cancel. */
export interface TrainingContext {
  client: pg.ClientBase;
  window: ModelWindow;
  /** The last local day with a purchase (no later than the reference date). */
  dataEnd: string;
  timeZone: string;
  /** Phase text and 0–100 within this training. */
  progress: (phase: string, percent: number) => void;
  /** Throws when the run was cancelled. */
  checkCancelled: () => void;
  /** Runs a fit task off the event loop (in the training thread), with its progress; cancelled with the run. */
  fit: <K extends FitTask>(task: K, input: FitInput<K>) => Promise<FitOutput<K>>;
}

/** Scores for each customer of the scored population (arrays aligned with customerIds). */
export interface TrainedScores {
  customerIds: Int32Array;
  columns: Partial<Record<"clv" | "expected_purchases" | "probability_alive" | "churn_probability" | "propensity", Float64Array>>;
  recommendations?: Int32Array[];
}

export interface TrainingResult {
  /** The window as resolved (defaults filled in). */
  window: Record<string, unknown>;
  params: Record<string, unknown>;
  metrics: Record<string, unknown>;
  trainingRows: number;
  scores: TrainedScores;
}
