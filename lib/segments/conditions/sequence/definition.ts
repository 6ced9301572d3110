import { durationMs } from "../../window-bounds";
import { defineCondition } from "../../define-condition";
import { sequenceKind } from "./schema";
import { evaluateSequence } from "./semantics";
import { sequenceSql } from "./sql";

export const sequenceCondition = defineCondition(sequenceKind, {
  compile: sequenceSql,
  analyze: (c) => ({ triggers: [`event:${c.first.eventType}`, `event:${c.then.eventType}`], timeBased: true }),
  timeCandidates(c, { params, crossing }) {
    const offsets = [
      durationMs(c.within.amount, c.within.unit),
      ...(c.window.type === "last" ? [durationMs(c.window.amount, c.window.unit)] : []),
    ];
    const parts = [
      `SELECT customer_id FROM events WHERE type = ${params.add(c.first.eventType, "text")} AND (${crossing("occurred_at", offsets)})`,
    ];
    if (c.window.type === "last")
      parts.push(
        `SELECT customer_id FROM events WHERE type = ${params.add(c.then.eventType, "text")} AND (${crossing("occurred_at", [durationMs(c.window.amount, c.window.unit)])})`,
      );
    return parts;
  },
  evaluate: evaluateSequence,
});
