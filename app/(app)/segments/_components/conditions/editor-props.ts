import type { Condition } from "@/lib/segments/schemas";

/** What every condition kind's editor receives: its condition, typed by the kind. */
export interface ConditionEditorProps<C extends Condition> {
  condition: C;
  onChange: (next: C) => void;
  /** The segment being edited (a segment condition cannot name it). */
  segmentId?: string;
}

/** A condition of one kind. */
export type ConditionOf<K extends Condition["kind"]> = Extract<Condition, { kind: K }>;
