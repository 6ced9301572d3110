import type { z } from "zod";
import type { SqlParams } from "../sql-params";

/**
 * What a condition kind is made of. Each kind lives in conditions/<kind>/: schema.ts (its zod schema
 * and the client-safe part below, `ConditionKind`), sql.ts (its SQL), semantics.ts (its reference
 * meaning over data held in memory) and definition.ts (the whole `ConditionDefinition`). The kinds
 * are listed in conditions/index.ts (client-safe) and conditions/registry.ts (everything). See
 * docs/segments.md, "Adding a condition kind".
 */

/** The client-safe part of a kind: what the builder, the API and descriptions need. */
export interface ConditionKind<C extends { kind: string }, I = C> {
  kind: C["kind"];
  /** The name in the builder's kind menu ("Profile attribute"). */
  label: string;
  /** One sentence: what the kind selects. */
  description: string;
  /** A new condition of this kind, as the builder adds it. */
  defaults: I & { kind: C["kind"] };
  schema: z.ZodType<C, I>;
  /** Plain-language text of a condition (explanations, lists, the CLI); `names` turns stored ids into names. */
  describe(condition: C, names?: DescribeNames): string;
}

/** Names of what conditions refer to by id, read by the caller (ids stay the fallback). */
export interface DescribeNames {
  /** Segment id → name. */
  segments?: Record<string, string>;
}

/** A kind's full definition: the client-safe part, its SQL forms, what it depends on, and its reference semantics. */
export interface ConditionDefinition<C extends { kind: string }, I = C> extends ConditionKind<C, I> {
  /** The condition as SQL (one of the forms of ConditionSql). */
  compile(condition: C, ctx: CompileContext): ConditionSql;
  /** The kinds of change that can alter who matches, and whether time passing alone can. */
  analyze(condition: C): ConditionAnalysis;
  /**
   * Queries of customer ids whose match can have changed only because time moved on (a timestamp
   * crossing a window edge); none when time cannot change it.
   */
  timeCandidates?(condition: C, time: TimeCrossing): string[];
  /** The (event type, property key) pairs whose values event_counts should count for it (its equality filters). */
  rollupKeys?(condition: C): RollupKey[];
  /**
   * The meaning of the condition for one customer, over data held in memory: small and obviously
   * correct. The differential test checks every compiled form against it; never used on real data.
   * Absent for a kind whose meaning the differential test does not cover (tested elsewhere).
   */
  evaluate?(condition: C, at: ReferenceAt): boolean;
}

export interface RollupKey {
  eventType: string;
  key: string;
}

export interface ConditionAnalysis {
  /** "event:<type>", "orders", "attributes", "features", "consent", "rfm", "segment:<id>". */
  triggers: string[];
  /** Segments whose membership the condition reads. */
  dependsOn?: string[];
  /** Consent purposes whose defaults the condition's SQL reads. */
  consentPurposes?: string[];
  timeBased: boolean;
}

export interface TimeCrossing {
  params: SqlParams;
  /** `column` crossing one of the edges (now − offset) since the last check, as a boolean. */
  crossing(column: string, offsetsMs: number[]): string;
}

export interface CompileContext {
  params: SqlParams;
  ref: Date;
  /** Where the condition sits, for error messages ("condition 2.1"). */
  label: string;
  /**
   * Restricts every subquery to the customers being evaluated (a customer_id column in, SQL out), so
   * re-evaluating a few customers never aggregates everyone's events.
   */
  scope?: (customerIdColumn: string) => string;
  /** Whether each consent purpose allows customers without a record (its default, read by the caller), when known. */
  consentOptOut?: Partial<Record<string, boolean>>;
  /**
   * Facts the caller has just read, which otherwise the SQL checks itself (a one-time EXISTS that
   * picks a branch): with them the query has no such checks, and Postgres may run its parts in
   * parallel workers (the checks' init plans keep a plan in one process).
   */
  known?: KnownFacts;
}

export interface KnownFacts {
  /** Whether any purchase lies after the reference date (the kept purchase ranks then do not answer). */
  purchasesAfterRef: boolean;
  /** The (event type, property key) pairs event_counts rolls up, as `${type}\u0000${key}`. */
  rollupKeys: Set<string>;
}

/** Customers as a SQL query of one id column (repeats and nulls allowed), or, negated, everyone but them. */
export interface CustomerSet {
  sql: string;
  negated: boolean;
}

/**
 * A condition's SQL, in the one form that suits it; compile-rules.ts derives every other form from it
 * (the boolean from a set, the set from a boolean). Every value is a parameter; only whitelisted
 * names are written into the text. `value` is an expression of the deciding value (explanations).
 */
export type ConditionSql =
  /** A boolean over `c` (customers) alone. */
  | { on: "customers"; test: string; value: string }
  /** A boolean over `f` (customer_features) alone; a customer without a row is an all-null row. */
  | { on: "features"; test: string; value: string }
  /** Customers read by a subquery: as a set, and/or as a boolean over `c` when it differs from "c.id in the set". */
  | { on: "subquery"; set: CustomerSet; test?: string; value: string; readsFeatures?: boolean }
  | { on: "subquery"; set?: CustomerSet; test: string; value: string; readsFeatures?: boolean };

/** A customer as the reference semantics see it. */
export interface RefCustomer {
  id: number;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  country: string | null;
  city: string | null;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
  createdAt: Date;
  attributes: Record<string, unknown>;
}

/** A whole small installation held in memory (the differential test's data). */
export interface RefData {
  customers: RefCustomer[];
  events: { id: number; customerId: number; type: string; occurredAt: Date; properties: Record<string, unknown> }[];
  orders: {
    id: number;
    customerId: number;
    kind: "purchase" | "cancellation";
    placedAt: Date;
    total: number;
    lines: { sku: string; category: string | null; lineTotal: number }[];
  }[];
  features: Map<number, Record<string, number | string | Date | null>>;
  consents: { id: number; customerId: number; purpose: string; status: string; occurredAt: Date }[];
  members: Map<string, Set<number>>;
  /** Clustering runs' stored assignments: run id → customer id → cluster number (absent: no run). */
  clusterAssignments?: Map<string, Map<number, number>>;
}

export interface ReferenceAt {
  data: RefData;
  customer: RefCustomer;
  ref: Date;
}
