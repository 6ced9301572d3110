import { durationMs } from "../../window-bounds";
import { defineCondition } from "../../define-condition";
import { eventKind } from "./schema";
import { evaluateEvent } from "./semantics";
import { eventSql } from "./sql";

export const eventCondition = defineCondition(eventKind, {
  compile: eventSql,
  analyze: (c) => ({ triggers: [`event:${c.eventType}`], timeBased: c.window.type === "last" }),
  timeCandidates: (c, { params, crossing }) =>
    c.window.type === "last"
      ? [
          `SELECT customer_id FROM events WHERE type = ${params.add(c.eventType, "text")} AND (${crossing("occurred_at", [durationMs(c.window.amount, c.window.unit)])})`,
        ]
      : [],
  // A single equality filter on a property: event_counts can answer it once it counts that key.
  rollupKeys: (c) => (c.where.length === 1 && c.where[0]!.op === "eq" ? [{ eventType: c.eventType, key: c.where[0]!.key }] : []),
  evaluate: evaluateEvent,
});
