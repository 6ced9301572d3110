/** A flow document's field path as the editor names it: "exitOn.0.where.1.key" → "Exit 1, filter 2: property", "step.tag-1.tag" → "Step tag-1: tag". */
export function flowFieldLabel(path: string): string {
  const parts = path.replace(/^(settings|input)\./, "").split(".");
  // A step's field, named by the step's id as the steps editor shows it: "step.tag-1.tag" → "Step tag-1: tag".
  if (parts[0] === "step" && parts[1]) {
    const field = parts.slice(2).filter((p) => !/^\d+$/.test(p));
    const words: Record<string, string> = { templateId: "template", name: "attribute", match: "event", segmentId: "segment" };
    return `Step ${parts[1]}${field.length ? `: ${field.map((p) => words[p] ?? p).join(" ")}` : ""}`;
  }
  const names: Record<string, string> = {
    name: "Name",
    description: "Description",
    event: "event",
    segmentId: "segment",
    key: "property",
    value: "value",
    days: "days",
  };
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const n = Number(parts[i + 1]);
    if (p === "trigger") out.push("Trigger");
    else if (p === "reentry") out.push("Re-entry");
    else if ((p === "exitOn" || p === "where") && Number.isInteger(n)) {
      out.push(`${p === "exitOn" ? "Exit" : "filter"} ${n + 1}`);
      i++;
    } else out.push(names[p] ?? p);
  }
  return out.join(", ").replace(/, (event|segment|property|value|days)$/, ": $1");
}

/** A failed action's message with each field's error named ("Trigger: event — Choose an event"). */
export function failureText(result: { error: string; fieldErrors?: Record<string, string> } | null): string {
  if (!result) return "Tailor's server did not answer. Check that it is running, then try again.";
  const fields = Object.entries(result.fieldErrors ?? {}).map(([path, message]) => `${flowFieldLabel(path)} — ${message}`);
  return fields.length ? `Some fields need fixing: ${fields.join("; ")}.` : result.error;
}
