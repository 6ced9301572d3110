import type { RejectedField } from "../../create-rejection-recorder";
import type { ByteSource } from "../../csv/open-file-source";
import { parseAmount, parseQuantity } from "../../csv/parse-amount";
import { parseDate } from "../../csv/parse-date";
import { readCsvRecords } from "../../csv/read-csv-records";
import { requireColumns } from "../../csv/require-columns";
import { type ReadRow, readRow, rowResult } from "../../staging/customers/customer-row";
import type { OrderLineRow } from "../../staging/orders/order-line-row";
import type { ImportOptions } from "../../format-schemas";
import { normalizeCountry } from "../../../customers/countries";
import { checkExtraFields, readCurrencyField, readEmailField, readOptional } from "../../csv/row-problems";

interface OrderHeader {
  name: string;
  /** Financial Status, lower case ("paid", "voided", …; "" when the column is missing or empty). */
  status: string;
  email: string | null;
  createdAt: string;
  cancelledAt: string | null;
  currency: string | null;
  total: string | null;
  refunded: string | null;
  firstName: string | null;
  lastName: string | null;
  country: string | null;
  city: string | null;
}

function splitName(full: string): [string | null, string | null] {
  const parts = full.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return [null, null];
  return [parts[0] ?? null, parts.slice(1).join(" ") || null];
}

/** Financial statuses of orders not paid yet (the payment may still fail or be voided). */
export const unpaidStatuses = new Set(["pending", "authorized"]);

const negate = (d: string | null) => (d === null ? null : d.startsWith("-") ? d.slice(1) : d === "0" ? d : `-${d}`);

/**
 * Shopify's admin order export: one row per line item, the order's own fields on its first row only.
 * Each line becomes a purchase line of order "#1001". A cancelled order also gets a cancellation
 * "#1001/cancelled" (its lines reversed, total −Total, dated Cancelled at); a refund on an order not
 * cancelled becomes an adjustment "#1001/refund" of −Refunded Amount (the export has no refund date:
 * it is dated like the order). Revenue summed over orders is then what the shop kept. A voided order
 * (payment never captured) is cancelled like a cancelled one; a pending or authorized order is not
 * a purchase yet and is skipped (a later export that shows it paid imports it).
 */
export async function* readShopifyOrders(opts: {
  source: ByteSource;
  options: ImportOptions;
  signal?: AbortSignal;
  /** Orders read per Financial Status (filled as the file is read). */
  statuses?: Map<string, number>;
}): AsyncGenerator<ReadRow<OrderLineRow>> {
  const records = readCsvRecords({
    open: opts.source.open,
    encoding: opts.options.encoding,
    fileName: opts.source.name,
    signal: opts.signal,
    onHeader: (h) =>
      requireColumns(h, {
        what: "a Shopify order export",
        required: ["Name", "Email", "Created at", "Lineitem quantity", "Lineitem price"],
      }),
  });
  let current: OrderHeader | undefined;
  for await (const rec of records) {
    const v = rec.values;
    const get = (k: string) => (v[k] ?? "").trim();
    const problems: RejectedField[] = [];
    const name = get("Name");
    if (!name) {
      yield readRow(rec, { ok: false, problems: [{ field: "Name", reason: "missing order name" }] });
      continue;
    }
    const firstRow = current?.name !== name;
    // Optional fields of the order (on its first row): one that cannot be read is skipped (a warning), the order is still imported.
    const warnings: RejectedField[] = [];
    if (firstRow) {
      const rawCreated = get("Created at");
      const createdAt = parseDate(rawCreated, opts.options.dateOrder);
      if (!createdAt)
        problems.push({ field: "Created at", reason: rawCreated ? `unreadable date "${rawCreated}"` : "missing on the order's first row" });
      const rawCancelled = get("Cancelled at");
      let cancelledAt = rawCancelled ? parseDate(rawCancelled, opts.options.dateOrder) : null;
      // Cancelled, but Tailor cannot read when: never counted as a purchase, cancelled as of its order date.
      if (rawCancelled && !cancelledAt) {
        warnings.push({
          field: "Cancelled at",
          reason: `unreadable date "${rawCancelled}"; the order is imported as cancelled on its Created at date`,
        });
        cancelledAt = createdAt;
      }
      const email = readEmailField(get("Email"), "Email", problems);
      const total = readOptional((p) => parseAmount(v.Total, "Total", p), warnings, "the order's total is the sum of its lines");
      const refunded = readOptional(
        (p) => parseAmount(v["Refunded Amount"], "Refunded Amount", p),
        warnings,
        "imported without the refund",
      );
      const [firstName, lastName] = splitName(get("Billing Name"));
      const currency = readOptional(
        (p) => readCurrencyField(get("Currency"), "Currency", p),
        warnings,
        "imported in the currency of Settings → Currency",
      );
      const status = get("Financial Status").toLowerCase();
      opts.statuses?.set(status || "unknown", (opts.statuses.get(status || "unknown") ?? 0) + 1);
      current = {
        name,
        status,
        email,
        createdAt: createdAt ?? "",
        cancelledAt,
        currency,
        total,
        refunded,
        firstName,
        lastName,
        country: normalizeCountry(get("Billing Country") || get("Shipping Country")),
        city: get("Billing City") || get("Shipping City") || null,
      };
      if (problems.length > 0) current.createdAt = "";
    } else if (!current!.createdAt) {
      problems.push({ field: "Name", reason: `the first row of order ${name} was rejected` });
    }
    const order = current!;
    // Not paid yet: no purchase until a later export shows the order paid (it is imported then).
    if (unpaidStatuses.has(order.status)) {
      yield readRow(rec, { ok: "skip" });
      continue;
    }
    const quantity = parseQuantity(v["Lineitem quantity"], "Lineitem quantity", problems);
    const unitPrice = parseAmount(v["Lineitem price"], "Lineitem price", problems, { required: true });
    checkExtraFields(rec, problems);
    if (problems.length > 0 || quantity === null || unitPrice === null) {
      yield readRow(rec, { ok: false, problems });
      continue;
    }
    const line: OrderLineRow = {
      orderNumber: name,
      kind: "purchase",
      email: order.email,
      externalId: null,
      firstName: order.firstName,
      lastName: order.lastName,
      country: order.country,
      city: order.city,
      placedAt: order.createdAt,
      currency: order.currency,
      sku: get("Lineitem sku"),
      description: get("Lineitem name"),
      quantity,
      unitPrice,
      lineTotal: null,
      orderTotal: order.total,
    };
    const extra: OrderLineRow[] = [];
    // A voided payment was never captured: the order is cancelled (when the export gives no date, at once).
    const cancelledAt = order.cancelledAt ?? (order.status === "voided" ? order.createdAt : null);
    if (cancelledAt) {
      extra.push({
        ...line,
        orderNumber: `${name}/cancelled`,
        kind: "cancellation",
        quantity: -quantity,
        placedAt: cancelledAt,
        orderTotal: negate(order.total),
      });
    } else if (firstRow && order.refunded && order.refunded !== "0" && /[1-9]/.test(order.refunded)) {
      extra.push({
        ...line,
        orderNumber: `${name}/refund`,
        kind: "adjustment",
        sku: "",
        description: "Refund",
        quantity: 1,
        unitPrice: negate(order.refunded)!,
        orderTotal: negate(order.refunded),
      });
    }
    yield { ...readRow(rec, rowResult(line, [], warnings)), extra };
  }
}
