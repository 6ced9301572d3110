import type { ComponentType } from "react";
import type { Condition } from "@/lib/segments/schemas";
import { AttributeEditor } from "./attribute-editor";
import { ClusterEditor } from "./cluster-editor";
import { ConsentEditor } from "./consent-editor";
import type { ConditionEditorProps, ConditionOf } from "./editor-props";
import { EventEditor } from "./event-editor";
import { FeatureEditor } from "./feature-editor";
import { OrderEditor } from "./order-editor";
import { RfmEditor } from "./rfm-editor";
import { ScoreEditor } from "./score-editor";
import { SegmentEditor } from "./segment-editor";
import { SequenceEditor } from "./sequence-editor";

/**
 * One editor per condition kind, typed by its kind: a kind added to lib/segments/conditions does not
 * compile until it has its editor here.
 */
export const conditionEditors: { [K in Condition["kind"]]: ComponentType<ConditionEditorProps<ConditionOf<K>>> } = {
  attribute: AttributeEditor,
  feature: FeatureEditor,
  rfm: RfmEditor,
  event: EventEditor,
  sequence: SequenceEditor,
  order: OrderEditor,
  segment: SegmentEditor,
  consent: ConsentEditor,
  cluster: ClusterEditor,
  score: ScoreEditor,
};

/** The editor of a condition's kind, typed for that condition. */
export function editorOf<C extends Condition>(condition: C): ComponentType<ConditionEditorProps<C>> {
  return conditionEditors[condition.kind] as unknown as ComponentType<ConditionEditorProps<C>>;
}
