import { createHash, type Hash } from "node:crypto";
import { DEMO_TABLES, type DemoTable } from "./demo-tables";

/**
 * A SHA-256 per table over its COPY text in id order, combined with the row counts. The same
 * for the generated text and for the tables read back, so either side can be checked against the other.
 */
export class TableDigest {
  private readonly hashes = new Map<DemoTable, Hash>(DEMO_TABLES.map((t) => [t, createHash("sha256")]));
  private readonly rows = new Map<DemoTable, number>(DEMO_TABLES.map((t) => [t, 0]));

  update(table: DemoTable, text: string | Buffer, rows: number): void {
    this.hashes.get(table)?.update(text);
    this.rows.set(table, (this.rows.get(table) ?? 0) + rows);
  }

  rowCount(table: DemoTable): number {
    return this.rows.get(table) ?? 0;
  }

  /** "sha256:<hex>" of one line per table: name, row count, the table's hash. */
  digest(): string {
    const summary = DEMO_TABLES.map((t) => `${t} ${this.rows.get(t) ?? 0} ${this.hashes.get(t)?.digest("hex") ?? ""}\n`).join("");
    return `sha256:${createHash("sha256").update(summary).digest("hex")}`;
  }
}
