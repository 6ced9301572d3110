/** Collects the values of one parameterized query: add() returns the placeholder ($n::type). */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown, type?: "text" | "numeric" | "int" | "bigint" | "timestamptz" | "interval" | "boolean" | "text[]"): string {
    this.values.push(value);
    return type ? `$${this.values.length}::${type}` : `$${this.values.length}`;
  }
}
