import { durationMs } from "../../window-bounds";
import type { ConditionDefinition } from "../types";
import { eventKind, type EventCondition, type EventConditionInput } from "./schema";
import { evaluateEvent } from "./semantics";
import { eventSql } from "./sql";

export const eventCondition: ConditionDefinition<EventCondition, EventConditionInput> = {
  ...eventKind,
  compile: eventSql,
  analyze: (c) => ({ triggers: [`event:${c.eventType}`], timeBased: c.window.type === "last" }),
  timeCandidates: (c, { params, crossing }) =>
    c.window.type === "last"
      ? [
          `SELECT customer_id FROM events WHERE type = ${params.add(c.eventType, "text")} AND (${crossing("occurred_at", [durationMs(c.window.amount, c.window.unit)])})`,
        ]
      : [],
  evaluate: evaluateEvent,
};
