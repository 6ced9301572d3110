type ParamType = "text" | "numeric" | "int" | "bigint" | "timestamptz" | "interval" | "boolean" | "text[]";

/** Collects the values of one parameterized query: add() returns the placeholder ($n::type). */
export class SqlParams {
  readonly values: unknown[] = [];
  private readonly types: (ParamType | undefined)[] = [];

  add(value: unknown, type?: ParamType): string {
    this.values.push(value);
    this.types.push(type);
    return type ? `$${this.values.length}::${type}` : `$${this.values.length}`;
  }

  /**
   * A CTE that names every typed parameter `sql` does not (`unused_params AS (…), ` or ""): a query
   * built from some of the compiled parts only (a condition's branch chosen in advance) must still
   * give Postgres a type for each value it binds. Postgres does not run a CTE nobody reads.
   */
  unusedCte(sql: string): string {
    const used = new Set([...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
    const unused = this.types.flatMap((type, i) => (used.has(i + 1) ? [] : [`$${i + 1}::${type ?? "text"}`]));
    return unused.length ? `unused_params AS (SELECT ${unused.join(", ")}), ` : "";
  }
}
