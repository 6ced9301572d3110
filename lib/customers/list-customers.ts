import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { AppError } from "../errors";
import { pageInfo, type PageInfo } from "../http/pagination";
import { defaultDirection, type CustomerListQuery, type CustomerSortKey, type SortDirection } from "./schemas";
import { customerSearchFilter } from "./search-filter";

export interface CustomerListRow {
  id: number;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  /** The first external id (for customers without name or email). */
  externalId: string | null;
  country: string | null;
  lastSeenAt: Date | null;
  /** Set once the person was erased (named "Erased customer #id"). */
  erasedAt: Date | null;
  /** Purchases (cancellations not counted). */
  orders: number;
  /** Purchases minus cancellations, in the orders' currency. */
  netRevenue: number;
}

export const customersPageSize = 25;

const figures = Prisma.sql`count(*) FILTER (WHERE o.kind = 'purchase') AS orders, sum(o.total) AS revenue`;
const columns = (a: "c" | "p") =>
  Prisma.raw(`${a}.id, ${a}.first_name AS "firstName", ${a}.last_name AS "lastName", ${a}.email, ${a}.country,
  (SELECT i.value FROM identities i WHERE i.customer_id = ${a}.id AND i.type = 'external_id' ORDER BY i.id LIMIT 1) AS "externalId",
  ${a}.last_seen_at AS "lastSeenAt", ${a}.erased_at AS "erasedAt", coalesce(s.orders, 0)::int AS orders, coalesce(s.revenue, 0)::float8 AS "netRevenue"`);

/**
 * One page of customers for /customers, filtered, sorted and paginated in SQL. Sorting by name,
 * email or last seen pages through the customers' indexes and then sums orders for the page's rows
 * only; sorting by orders or revenue aggregates orders per customer first.
 */
export async function listCustomers(options: {
  query: CustomerListQuery;
  pageSize?: number;
}): Promise<{ rows: CustomerListRow[]; page: PageInfo }> {
  const { q, sort, page } = options.query;
  const dir = options.query.dir ?? defaultDirection[sort];
  const pageSize = options.pageSize ?? customersPageSize;
  const where = customerSearchFilter(q);
  const offset = (page - 1) * pageSize;

  const rowsQuery =
    sort === "orders" || sort === "revenue"
      ? listByFigures({ where, searching: q.trim() !== "", order: figureOrder(sort, dir), pageSize, offset })
      : db.$queryRaw<CustomerListRow[]>`
          SELECT ${columns("p")}
          FROM (SELECT c.id, c.first_name, c.last_name, c.email, c.country, c.last_seen_at, c.erased_at FROM customers c
                WHERE ${where} ORDER BY ${columnOrder(sort, dir, "c")} LIMIT ${pageSize} OFFSET ${offset}) p
          LEFT JOIN LATERAL (SELECT ${figures} FROM orders o WHERE o.customer_id = p.id) s ON TRUE
          ORDER BY ${columnOrder(sort, dir, "p")}`;

  const [rows, total] = await Promise.all([
    rowsQuery,
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM customers c WHERE ${where}`,
  ]);
  return { rows, page: pageInfo({ page, pageSize, total: total[0]?.n ?? 0 }) };
}

/** How long a sort by orders or revenue may take before the user is asked to narrow the list. */
const figureSortTimeoutMs = 8_000;

/**
 * Sorting by orders or revenue needs every candidate's figures. A search sums orders per matching
 * customer (orders' customer index); the whole list aggregates all orders in memory. Both are
 * bounded by a statement timeout: at a million customers this takes seconds, and denormalized
 * figures on customers (an index scan) are the lasting fix.
 */
async function listByFigures(o: {
  where: Prisma.Sql;
  searching: boolean;
  order: Prisma.Sql;
  pageSize: number;
  offset: number;
}): Promise<CustomerListRow[]> {
  try {
    return await db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${figureSortTimeoutMs}`);
        await tx.$executeRawUnsafe("SET LOCAL work_mem = '128MB'");
        await tx.$executeRawUnsafe("SET LOCAL max_parallel_workers_per_gather = 0");
        const stats = o.searching
          ? Prisma.sql`LEFT JOIN LATERAL (SELECT ${figures} FROM orders o WHERE o.customer_id = c.id) s ON TRUE`
          : Prisma.sql`LEFT JOIN s ON s.customer_id = c.id`;
        const cte = o.searching
          ? Prisma.empty
          : Prisma.sql`WITH s AS MATERIALIZED (SELECT o.customer_id, ${figures} FROM orders o GROUP BY o.customer_id)`;
        return tx.$queryRaw<CustomerListRow[]>`
          ${cte} SELECT ${columns("c")} FROM customers c ${stats}
          WHERE ${o.where} ORDER BY ${o.order} LIMIT ${o.pageSize} OFFSET ${o.offset}`;
      },
      { timeout: figureSortTimeoutMs + 2_000 },
    );
  } catch (e) {
    if (!isTimeout(e)) throw e;
    throw new AppError(
      "unavailable",
      "Sorting this many customers by orders or revenue took too long. Search first to narrow the list (by name, email or country of interest), or sort by name, email or last seen.",
    );
  }
}

function isTimeout(e: unknown): boolean {
  const text = e instanceof Error ? `${e.message} ${String((e as { cause?: unknown }).cause ?? "")}` : String(e);
  return /statement timeout|57014|expired transaction|P2028/i.test(text);
}

function columnOrder(sort: Exclude<CustomerSortKey, "orders" | "revenue">, dir: SortDirection, alias: "c" | "p"): Prisma.Sql {
  const d = dir === "asc" ? "ASC" : "DESC";
  const cols = { name: ["last_name", "first_name"], email: ["email"], lastSeen: ["last_seen_at"] }[sort];
  return Prisma.raw([...cols.map((col) => `${alias}.${col} ${d} NULLS LAST`), `${alias}.id ${d}`].join(", "));
}

function figureOrder(sort: "orders" | "revenue", dir: SortDirection): Prisma.Sql {
  const d = dir === "asc" ? "ASC" : "DESC";
  return Prisma.raw(`coalesce(s.${sort}, 0) ${d}, c.id ${d}`);
}
