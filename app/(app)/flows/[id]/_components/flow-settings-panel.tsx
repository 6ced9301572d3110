"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { FlowSettings } from "@/lib/flows/schemas";
import { describeExit, describeReentry, describeTrigger } from "../../_components/describe-settings";
import type { SegmentChoice } from "../../_components/segment-select";
import { FlowSettingsEditor } from "./flow-settings-editor";

/** The flow's trigger, re-entry rule and exit criteria; marketers edit them here (until the flow is archived). */
export function FlowSettingsPanel(props: {
  id: string;
  status: string;
  settings: FlowSettings;
  segments: SegmentChoice[];
  segmentNames: Record<string, string>;
  canEdit: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const { settings, segmentNames } = props;
  if (editing)
    return (
      <FlowSettingsEditor
        id={props.id}
        status={props.status}
        initial={settings}
        segments={props.segments}
        segmentNames={segmentNames}
        onDone={() => setEditing(false)}
      />
    );
  return (
    <div className="space-y-2 text-sm text-slate-700" data-testid="flow-settings">
      <p>
        <span className="font-semibold">Starts when someone</span> {describeTrigger(settings.trigger, segmentNames)}.
      </p>
      <p>
        <span className="font-semibold">Enters:</span> {describeReentry(settings.reentry)}.
      </p>
      <p>
        <span className="font-semibold">Leaves at once when they:</span>{" "}
        {settings.exitOn.length ? settings.exitOn.map((c) => describeExit(c, segmentNames)).join(" or ") : "nothing set"}.
      </p>
      <p className="text-xs text-slate-500">
        Editing a live flow: people stay at their step if it still exists (a wait keeps its due time) and continue along the new steps; they
        leave if their step was removed, or if they already meet a changed exit criterion. A new trigger or re-entry rule applies to new
        entries only.
      </p>
      {props.canEdit && props.status !== "archived" ? (
        <Button variant="secondary" onClick={() => setEditing(true)}>
          Edit name, trigger, entry and exit
        </Button>
      ) : null}
    </div>
  );
}
