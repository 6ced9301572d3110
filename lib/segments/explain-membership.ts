import { db } from "../db";
import { AppError } from "../errors";
import { SEGMENT_FROM, compileRules } from "./compile-rules";
import { describeCondition } from "./describe-condition";
import { segmentReferenceTime } from "./reference-time";
import { segmentNamesOf } from "./segment-names";
import type { SegmentRules } from "./schemas";

export interface ConditionExplanation {
  path: string;
  text: string;
  met: boolean;
  /** The deciding value: the attribute, the count of matching events, the consent status, … */
  value: string | null;
}

export interface MembershipExplanation {
  customerId: number;
  matches: boolean;
  conditions: ConditionExplanation[];
}

/** Why a customer is (or is not) in a segment: per condition, met or not, with the deciding value. */
export async function explainMembership(opts: { rules: SegmentRules; customerId: number; now?: Date }): Promise<MembershipExplanation> {
  const { ref } = await segmentReferenceTime({ now: opts.now });
  const compiled = compileRules(opts.rules, { ref });
  const id = compiled.params.add(opts.customerId, "int");
  const columns = [
    `(${compiled.where}) AS matches`,
    ...compiled.leaves.flatMap((l, i) => [`(${l.sql}) AS m${i}`, `${l.valueSql} AS v${i}`]),
  ];
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT ${columns.join(", ")} FROM ${SEGMENT_FROM} WHERE c.id = ${id}`,
    ...compiled.params.values,
  );
  const row = rows[0];
  if (!row) throw new AppError("not_found", `Customer ${opts.customerId} does not exist.`);
  const names = await segmentNamesOf(compiled.leaves.map((l) => l.condition));
  return {
    customerId: opts.customerId,
    matches: row.matches === true,
    conditions: compiled.leaves.map((l, i) => ({
      path: l.path.join("."),
      text: describeCondition(l.condition, names),
      met: row[`m${i}`] === true,
      value: row[`v${i}`] == null ? null : String(row[`v${i}`]),
    })),
  };
}

/** A customer id, or an email / external id, as the CLI and API accept them. */
export async function findCustomerId(opts: { key: string }): Promise<number> {
  const key = opts.key.trim();
  // An external id (e.g. Online Retail's CustomerID) or an email identity first, then Tailor's own id.
  const identity = await db.identity.findFirst({ where: { value: { in: [key, key.toLowerCase()] } }, select: { customerId: true } });
  if (identity) return identity.customerId;
  if (/^\d+$/.test(key) && Number(key) < 2 ** 31) {
    const byId = await db.customer.findUnique({ where: { id: Number(key) }, select: { id: true } });
    if (byId) return byId.id;
  }
  const byEmail = await db.customer.findFirst({ where: { email: { equals: key, mode: "insensitive" } }, select: { id: true } });
  if (byEmail) return byEmail.id;
  throw new AppError("not_found", `No customer with id, email or external id "${key}".`);
}
