import type { TemplateDiagnostic, TemplateField } from "./types";

/** A liquidjs parse or render error as a diagnostic at its line (the message without liquidjs' own position suffix). */
export function liquidDiagnostic(e: unknown, field: TemplateField, lineOffset = 0): TemplateDiagnostic {
  const error = e as { message?: string; token?: { getPosition?: () => [number, number] }; originalError?: Error };
  let line = 1;
  let column: number | undefined;
  const pos = error.token?.getPosition?.();
  if (pos) [line, column] = pos;
  else {
    const m = /line:(\d+), col:(\d+)/.exec(error.message ?? "");
    if (m) [line, column] = [Number(m[1]), Number(m[2])];
  }
  const message = cleanMessage(error.originalError?.message ?? error.message ?? String(e));
  return { severity: "error", source: "liquid", field, line: line + lineOffset, column, message };
}

function cleanMessage(message: string): string {
  const text = message
    .replace(/, line:\d+, col:\d+$/, "")
    .replace(/^undefined variable: (.*)$/, "Unknown variable $1: it is not in the personalization context (see the variables panel).");
  if (/template render limit exceeded/i.test(text))
    return "The template took too long to render (a loop that never ends?): it was stopped.";
  if (/memory alloc limit exceeded/i.test(text)) return "The template renders too much output (megabytes): it was stopped.";
  if (/parse length limit exceeded/i.test(text)) return "The template is too long to parse (over 1,000,000 characters).";
  return text.charAt(0).toUpperCase() + text.slice(1);
}
