import { badCondition, numberValue, textValue } from "../../condition-sql";
import type { CompileContext, ConditionSql } from "../types";
import type { RfmCondition } from "./schema";

/** The RFM segment, code or a score of customer_features: a boolean over `f`. */
export function rfmSql(cond: RfmCondition, ctx: CompileContext): ConditionSql {
  const p = ctx.params;
  if (cond.field === "segment" || cond.field === "code") {
    const column = cond.field === "segment" ? "f.rfm_segment" : "f.rfm_code";
    if (cond.op === "in") {
      const list = Array.isArray(cond.value) ? cond.value : [textValue(ctx, cond.value)];
      return { on: "features", test: `${column} = ANY(${p.add(list, "text[]")})`, value: column };
    }
    if (cond.op !== "eq" && cond.op !== "neq") badCondition(ctx, `use "is", "is not" or "is one of" with RFM ${cond.field}.`);
    const v = p.add(textValue(ctx, cond.value), "text");
    return { on: "features", test: cond.op === "eq" ? `${column} = ${v}` : `${column} IS DISTINCT FROM ${v}`, value: column };
  }
  const column = `f.${cond.field}_score`;
  if (cond.op === "in") {
    const list = (Array.isArray(cond.value) ? cond.value : [cond.value]).map((v) => numberValue(ctx, v));
    return { on: "features", test: `${column} = ANY(${p.add(list)}::int[])`, value: `${column}::text` };
  }
  const v = p.add(numberValue(ctx, cond.value), "int");
  const op = { eq: "=", neq: "IS DISTINCT FROM", gte: ">=", lte: "<=" }[cond.op];
  return { on: "features", test: `${column} ${op} ${v}`, value: `${column}::text` };
}
