import type { RejectedField } from "../../create-rejection-recorder";
import { parseAmount, parseQuantity } from "../../csv/parse-amount";
import { type ReadRow, readRow, rowResult } from "../../staging/customers/customer-row";
import type { OrderLineRow } from "../../staging/orders/order-line-row";
import { readMappedRecords, type MappedReaderOptions } from "./read-mapped-records";
import { normalizeCountry } from "../../../customers/countries";
import { checkExtraFields, readCurrencyField, readEmailField, readOptional, readRequiredDate } from "../../csv/row-problems";

/**
 * The line's amounts: a unit price or a line total is required. With both columns mapped, one that
 * cannot be read is skipped (a warning) while the other gives the amount.
 */
function readAmounts(
  rec: { column(f: string): string | undefined; get(f: string): string },
  quantity: number | null,
  problems: RejectedField[],
  warnings: RejectedField[],
): { unitPrice: string | null; lineTotal: string | null } {
  const { column, get } = rec;
  const priceColumn = column("unit_price");
  const totalColumn = column("line_total");
  if (!priceColumn && !totalColumn) {
    problems.push({ field: "row", reason: "map a column to unit_price or line_total" });
    return { unitPrice: null, lineTotal: null };
  }
  const price = (p: RejectedField[]) => (priceColumn ? parseAmount(get("unit_price"), priceColumn, p, { required: !totalColumn }) : null);
  const total = (p: RejectedField[]) => (totalColumn ? parseAmount(get("line_total"), totalColumn, p, { required: !priceColumn }) : null);
  let unitPrice: string | null;
  let lineTotal: string | null;
  if (priceColumn && totalColumn) {
    // Both mapped: each is optional as long as the other one can be read.
    const priceProblems: RejectedField[] = [];
    const totalProblems: RejectedField[] = [];
    unitPrice = price(priceProblems);
    lineTotal = total(totalProblems);
    if (unitPrice === null && lineTotal === null) {
      problems.push(...priceProblems, ...totalProblems);
      if (!priceProblems.length && !totalProblems.length)
        problems.push({ field: priceColumn, reason: "missing amount: give a unit price or a line total" });
      return { unitPrice: null, lineTotal: null };
    }
    for (const p of priceProblems) warnings.push({ field: p.field, reason: `${p.reason}; the unit price is the line total ÷ quantity` });
    for (const p of totalProblems) warnings.push({ field: p.field, reason: `${p.reason}; the line total is quantity × unit price` });
  } else {
    unitPrice = price(problems);
    lineTotal = total(problems);
  }
  if (unitPrice === null && lineTotal !== null && quantity !== null) {
    if (quantity === 0)
      problems.push({ field: column("quantity") ?? "row", reason: "quantity 0 with a line total: no unit price can be worked out" });
    else unitPrice = (Number(lineTotal) / quantity).toFixed(3);
  }
  return { unitPrice, lineTotal };
}

/** Any CSV of order lines with a column mapping: one row per line; a negative total makes a cancellation. */
export async function* readMappedOrders(opts: MappedReaderOptions): AsyncGenerator<ReadRow<OrderLineRow>> {
  for await (const rec of readMappedRecords(opts)) {
    const { column, get } = rec;
    const problems: RejectedField[] = [];
    // Optional fields: one that cannot be read is skipped (a warning), the line is still imported.
    const warnings: RejectedField[] = [];
    const orderNumber = get("order_number");
    if (!orderNumber) problems.push({ field: column("order_number")!, reason: "missing order number" });
    const externalId = get("external_id") || null;
    const email = readEmailField(get("email"), column("email")!, problems);
    const placedAt = readRequiredDate(get("placed_at"), opts.dateOrder, column("placed_at")!, problems);
    const quantity = column("quantity") ? parseQuantity(get("quantity"), column("quantity")!, problems) : 1;
    const { unitPrice, lineTotal } = readAmounts(rec, quantity, problems, warnings);
    const currency = readOptional(
      (p) => readCurrencyField(get("currency"), column("currency")!, p),
      warnings,
      "imported in the currency of Settings → Currency",
    );
    checkExtraFields(rec, problems);
    if (problems.length > 0 || !placedAt || quantity === null || unitPrice === null) {
      yield readRow(rec, { ok: false, problems });
      continue;
    }
    const negative = (lineTotal ?? unitPrice).startsWith("-") !== quantity < 0;
    if (!email && !externalId) {
      yield readRow(rec, { ok: "skip" });
      continue;
    }
    const row: OrderLineRow = {
      orderNumber,
      kind: negative ? "cancellation" : "purchase",
      email,
      externalId,
      firstName: get("first_name") || null,
      lastName: get("last_name") || null,
      country: normalizeCountry(get("country")),
      city: null,
      placedAt,
      currency,
      sku: get("sku"),
      description: get("description"),
      quantity,
      unitPrice,
      lineTotal,
      orderTotal: null,
    };
    yield readRow(rec, rowResult(row, [], warnings));
  }
}
