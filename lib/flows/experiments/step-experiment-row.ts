import { createHash } from "node:crypto";
import { variantValue } from "../../experiments/schemas";
import { stepExperimentSchema, type StepExperiment } from "./schemas";

/**
 * The identity of a step's experiment setup: the same setup (whatever the JSON's key order or a
 * variant's unused fields) gives the same fingerprint, so the same row; any change of what is tested
 * or how it is decided gives a new one (docs/decisions/137).
 */
export function experimentFingerprint(experiment: StepExperiment): string {
  const e = stepExperimentSchema.parse(experiment);
  const canonical = [
    e.mode,
    e.dimension,
    e.metric,
    e.variants.map((v) => [v.key, variantValue(e.dimension, v)]),
    e.holdoutPercent,
    e.samplePerVariant,
    e.waitMinutes,
    e.alpha,
    e.tau,
  ];
  return createHash("sha256").update(JSON.stringify(canonical)).digest("base64url").slice(0, 22);
}

/** A stored setup (flow_step_experiments.definition), parsed. */
export function parseDefinition(json: unknown): StepExperiment {
  return stepExperimentSchema.parse(json);
}
