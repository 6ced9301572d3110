import type { RejectedField } from "../../create-rejection-recorder";
import { parseAmount, parseQuantity } from "../../csv/parse-amount";
import { type ReadRow, readRow } from "../../staging/customers/customer-row";
import type { OrderLineRow } from "../../staging/orders/order-line-row";
import { readMappedRecords, type MappedReaderOptions } from "./read-mapped-records";
import { normalizeCountry } from "../../../customers/countries";
import { checkExtraFields, readEmailField, readRequiredDate } from "../../csv/row-problems";

/** Any CSV of order lines with a column mapping: one row per line; a negative total makes a cancellation. */
export async function* readMappedOrders(opts: MappedReaderOptions): AsyncGenerator<ReadRow<OrderLineRow>> {
  for await (const rec of readMappedRecords(opts)) {
    const { column, get } = rec;
    const problems: RejectedField[] = [];
    const orderNumber = get("order_number");
    if (!orderNumber) problems.push({ field: column("order_number")!, reason: "missing order number" });
    const email = readEmailField(get("email"), column("email")!, problems);
    const placedAt = readRequiredDate(get("placed_at"), opts.dateOrder, column("placed_at")!, problems);
    const quantity = column("quantity") ? parseQuantity(get("quantity"), column("quantity")!, problems) : 1;
    const lineTotal = column("line_total")
      ? parseAmount(get("line_total"), column("line_total")!, problems, { required: !column("unit_price") })
      : null;
    let unitPrice = column("unit_price")
      ? parseAmount(get("unit_price"), column("unit_price")!, problems, { required: !column("line_total") })
      : null;
    if (unitPrice === null && lineTotal !== null && quantity) unitPrice = (Number(lineTotal) / quantity).toFixed(3);
    if (!column("unit_price") && !column("line_total")) problems.push({ field: "row", reason: "map a column to unit_price or line_total" });
    const currency = get("currency").toUpperCase();
    if (currency && !/^[A-Z]{3}$/.test(currency))
      problems.push({ field: column("currency")!, reason: `not a currency code: "${currency}"` });
    checkExtraFields(rec, problems);
    if (problems.length > 0 || !placedAt || quantity === null || unitPrice === null) {
      yield readRow(rec, { ok: false, problems });
      continue;
    }
    const total = lineTotal ?? null;
    const negative = (total ?? unitPrice).startsWith("-") !== quantity < 0;
    const externalId = get("external_id") || null;
    if (!email && !externalId) {
      yield readRow(rec, { ok: "skip" });
      continue;
    }
    yield readRow(rec, {
      ok: true,
      row: {
        orderNumber,
        kind: negative ? "cancellation" : "purchase",
        email,
        externalId,
        firstName: get("first_name") || null,
        lastName: get("last_name") || null,
        country: normalizeCountry(get("country")),
        city: null,
        placedAt,
        currency: currency || null,
        sku: get("sku"),
        description: get("description"),
        quantity,
        unitPrice,
        lineTotal: total,
        orderTotal: null,
      },
    });
  }
}
