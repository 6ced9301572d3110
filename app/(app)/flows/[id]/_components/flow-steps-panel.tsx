"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { FlowStep } from "@/lib/flows/schemas";
import type { SegmentChoice } from "../../_components/segment-select";
import { FlowCanvas } from "./flow-canvas";
import { FlowEditor } from "./flow-editor";

/** The flow's steps: the canvas with live counts, or (for marketers, until archived) the editor. */
export function FlowStepsPanel(props: {
  id: string;
  status: string;
  trigger: string;
  steps: FlowStep[];
  templateNames: Record<string, string>;
  templates: { id: string; name: string }[];
  segments: SegmentChoice[];
  canEdit: boolean;
}) {
  const [editing, setEditing] = useState(false);
  if (editing)
    return (
      <FlowEditor
        id={props.id}
        status={props.status}
        steps={props.steps}
        templates={props.templates}
        segments={props.segments}
        onDone={() => setEditing(false)}
      />
    );
  return (
    <div className="space-y-3">
      {props.canEdit && props.status !== "archived" ? (
        <div className="flex justify-end">
          <Button variant="secondary" onClick={() => setEditing(true)}>
            Edit steps
          </Button>
        </div>
      ) : null}
      <FlowCanvas
        id={props.id}
        trigger={props.trigger}
        steps={props.steps}
        templates={props.templateNames}
        segmentNames={Object.fromEntries(props.segments.map((s) => [s.id, s.name]))}
        canEdit={props.canEdit && props.status !== "archived"}
      />
    </div>
  );
}
