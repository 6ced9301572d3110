import { contextFields } from "./context-schema";
import type { ContextVariable } from "./types";

/**
 * The variables panel: every context variable with its type and its value for this customer
 * (array element fields show the first element's value, under "path[0]…").
 */
export function listVariables(context: Record<string, unknown>): ContextVariable[] {
  const out: ContextVariable[] = [];
  for (const field of contextFields) {
    const concrete = field.path.replace(/\[\]/g, "[0]");
    const value = read(context, concrete);
    out.push({ path: concrete, type: field.nullable ? `${field.type} | null` : field.type, value: summarize(value) });
    if (field.path === "customer.attributes" && value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) out.push({ path: `customer.attributes.${k}`, type: typeof v, value: v });
    }
  }
  return out;
}

function read(context: Record<string, unknown>, path: string): unknown {
  let cur: unknown = context;
  for (const part of path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "")) {
    if (cur === null || cur === undefined) return undefined;
    cur = Array.isArray(cur) && /^\d+$/.test(part) ? cur[Number(part)] : (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Arrays of objects show as their length; everything else as is. */
function summarize(value: unknown): unknown {
  if (Array.isArray(value) && value.some((v) => v && typeof v === "object")) return `${value.length} item${value.length === 1 ? "" : "s"}`;
  return value ?? null;
}
