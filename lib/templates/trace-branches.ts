import type { Liquid } from "liquidjs";
import { scanLiquidTags } from "./liquid-tags";
import type { BranchTrace, TemplateField } from "./types";

interface Frame {
  kind: "if" | "case" | "for" | "other";
  /** Whether the enclosing code runs at all for this customer. */
  live: boolean;
  /** An earlier branch of this if/case was taken. */
  done: boolean;
  caseValue?: unknown;
  scope: Record<string, unknown>;
}

/**
 * Which conditional branches fire for one customer: every if/elsif/else/unless/when in the source
 * with its condition and whether it is taken. Conditions inside a loop are evaluated for the
 * loop's first element (an empty loop runs none of them).
 */
export function traceBranches(engine: Liquid, source: string, field: TemplateField, context: Record<string, unknown>): BranchTrace[] {
  const traces: BranchTrace[] = [];
  const stack: Frame[] = [{ kind: "other", live: true, done: false, scope: context }];
  const top = () => stack[stack.length - 1]!;
  const evaluate = (expression: string, scope: Record<string, unknown>): unknown => {
    try {
      return engine.evalValueSync(expression, scope);
    } catch {
      return undefined;
    }
  };
  const truthy = (v: unknown) => v !== false && v !== null && v !== undefined;
  for (const tag of scanLiquidTags(source)) {
    if (tag.kind !== "block") continue;
    const frame = top();
    switch (tag.name) {
      case "if":
      case "unless": {
        const value = truthy(evaluate(tag.args, frame.scope));
        const taken = frame.live && (tag.name === "if" ? value : !value);
        traces.push({ field, line: tag.line, condition: `${tag.name} ${tag.args}`, taken });
        stack.push({ kind: "if", live: frame.live, done: taken, scope: frame.scope });
        break;
      }
      case "elsif": {
        const parent = stack[stack.length - 2]!;
        const taken = parent.live && !frame.done && truthy(evaluate(tag.args, frame.scope));
        traces.push({ field, line: tag.line, condition: `elsif ${tag.args}`, taken });
        frame.done ||= taken;
        break;
      }
      case "else": {
        if (frame.kind !== "if" && frame.kind !== "case") break;
        const parent = stack[stack.length - 2]!;
        const taken = parent.live && !frame.done;
        traces.push({ field, line: tag.line, condition: "else", taken });
        frame.done ||= taken;
        break;
      }
      case "case":
        stack.push({ kind: "case", live: frame.live, done: false, caseValue: evaluate(tag.args, frame.scope), scope: frame.scope });
        break;
      case "when": {
        const parent = stack[stack.length - 2]!;
        const values = tag.args.split(/\s*(?:,|\bor\b)\s*/).map((v) => evaluate(v, frame.scope));
        const taken = parent.live && !frame.done && values.some((v) => v === frame.caseValue);
        traces.push({ field, line: tag.line, condition: `when ${tag.args}`, taken });
        frame.done ||= taken;
        break;
      }
      case "for":
      case "tablerow": {
        const m = /^(\w+)\s+in\s+(.+?)(?:\s+(?:limit|offset|reversed)\b.*)?$/.exec(tag.args);
        const collection = m ? evaluate(m[2]!, frame.scope) : undefined;
        const first = Array.isArray(collection) ? collection[0] : undefined;
        stack.push({
          kind: "for",
          live: frame.live && first !== undefined,
          done: false,
          scope: m ? { ...frame.scope, [m[1]!]: first } : frame.scope,
        });
        break;
      }
      case "capture":
        stack.push({ kind: "other", live: frame.live, done: false, scope: frame.scope });
        break;
      default:
        if (/^end(if|unless|case|for|tablerow|capture)$/.test(tag.name) && stack.length > 1) stack.pop();
    }
  }
  return traces;
}
