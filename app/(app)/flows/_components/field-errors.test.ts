import { describe, expect, it } from "vitest";
import { failureText, flowFieldLabel } from "./field-errors";

describe("flow field names in error messages", () => {
  it("names the field as the editor shows it", () => {
    expect(flowFieldLabel("settings.trigger.event")).toBe("Trigger: event");
    expect(flowFieldLabel("settings.exitOn.0.where.1.key")).toBe("Exit 1, filter 2: property");
    expect(flowFieldLabel("settings.exitOn.2.segmentId")).toBe("Exit 3: segment");
    expect(flowFieldLabel("settings.reentry.days")).toBe("Re-entry: days");
    expect(flowFieldLabel("name")).toBe("Name");
    expect(flowFieldLabel("step.tag-1.tag")).toBe("Step tag-1: tag");
    expect(flowFieldLabel("step.wait-2.duration.amount")).toBe("Step wait-2: duration amount");
    expect(flowFieldLabel("step.mail.templateId")).toBe("Step mail: template");
    expect(failureText({ error: "Some fields need fixing.", fieldErrors: { "settings.trigger.event": "Choose an event" } })).toBe(
      "Some fields need fixing: Trigger: event — Choose an event.",
    );
  });
});
