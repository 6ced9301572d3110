-- Each customer's up-to-5 most recent purchases (n = 1 the most recent, ties by order id, latest
-- first): "at least N purchases since X" is "the N-th most recent purchase is after X", an
-- index-only range scan of (n, placed_at, customer_id). Kept by statement-level triggers on orders
-- (imports, recorded orders, merges moving orders, erasure, cascades from deleted customers), which
-- fire in every replication role (the Online Retail import runs as replica). Writers wait (SHARE
-- lock) until the table is filled and the triggers exist. Function bodies write each semicolon as
-- \073 inside an E'' string (the migration runner splits scripts on every semicolon).
BEGIN;
LOCK TABLE "orders" IN SHARE MODE;
SET LOCAL work_mem = '512MB';

-- CreateTable
CREATE TABLE "customer_purchase_ranks" (
    "customer_id" INTEGER NOT NULL,
    "n" SMALLINT NOT NULL,
    "placed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "customer_purchase_ranks_pkey" PRIMARY KEY ("customer_id","n")
);

INSERT INTO "customer_purchase_ranks" (customer_id, n, placed_at)
SELECT r.customer_id, r.n, r.placed_at
  FROM (SELECT o.customer_id, o.placed_at, row_number() OVER (PARTITION BY o.customer_id ORDER BY o.placed_at DESC, o.id DESC) AS n
          FROM "orders" o WHERE o.kind = 'purchase') r
 WHERE r.n <= 5
 ORDER BY 1, 2;

-- CreateIndex
CREATE INDEX "customer_purchase_ranks_n_placed_at_customer_id_idx" ON "customer_purchase_ranks"("n", "placed_at", "customer_id");

-- AddForeignKey
ALTER TABLE "customer_purchase_ranks" ADD CONSTRAINT "customer_purchase_ranks_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The given customers' rows, recomputed from their purchases (rows beyond their number of purchases
-- removed). The caller has locked the customers' rank-1 rows (below).
CREATE FUNCTION tailor_purchase_ranks_recompute(ids int[]) RETURNS void LANGUAGE plpgsql AS E'
BEGIN
  IF coalesce(array_length(ids, 1), 0) = 0 THEN RETURN\073 END IF\073
  WITH top AS (
    SELECT r.customer_id, r.n::smallint AS n, r.placed_at
      FROM (SELECT o.customer_id, o.placed_at, row_number() OVER (PARTITION BY o.customer_id ORDER BY o.placed_at DESC, o.id DESC) AS n
              FROM orders o WHERE o.customer_id = ANY(ids) AND o.kind = ''purchase'') r
     WHERE r.n <= 5
  ), gone AS (
    DELETE FROM customer_purchase_ranks k
     WHERE k.customer_id = ANY(ids) AND NOT EXISTS (SELECT 1 FROM top t WHERE t.customer_id = k.customer_id AND t.n = k.n)
  )
  INSERT INTO customer_purchase_ranks AS k (customer_id, n, placed_at)
  SELECT customer_id, n, placed_at FROM top ORDER BY 1, 2
  ON CONFLICT (customer_id, n) DO UPDATE SET placed_at = excluded.placed_at
    WHERE k.placed_at IS DISTINCT FROM excluded.placed_at\073
END';

-- Concurrent writers of one customer queue on its rank-1 row, locked until commit by an upsert that
-- changes nothing (ON CONFLICT DO UPDATE … WHERE false locks the row it finds, waiting for a writer
-- that holds it) or creates the row for a customer without one. The next statement, started once the
-- locks are held, reads what the previous writers committed. Customers in id order.
--
-- New orders: each customer's new 5 most recent purchases are the 5 most recent of the kept ones and
-- the new ones (only purchase dates are kept, so ties need no order id), read from the ranks rather
-- than from every order the customer ever placed. Ranks only shift down or are added.
CREATE FUNCTION tailor_purchase_ranks_orders_insert() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  created int[]\073
BEGIN
  WITH locked AS (
    INSERT INTO customer_purchase_ranks AS k (customer_id, n, placed_at)
    SELECT customer_id, 1, max(placed_at) FROM new_rows WHERE kind = ''purchase'' GROUP BY 1 ORDER BY 1
    ON CONFLICT (customer_id, n) DO UPDATE SET placed_at = k.placed_at WHERE false
    RETURNING k.customer_id
  )
  SELECT array_agg(customer_id) INTO created FROM locked\073
  WITH candidates AS (
    SELECT k.customer_id, k.placed_at FROM customer_purchase_ranks k
     WHERE k.customer_id IN (SELECT customer_id FROM new_rows WHERE kind = ''purchase'')
       AND k.customer_id NOT IN (SELECT unnest(coalesce(created, ''{}'')))
    UNION ALL
    SELECT customer_id, placed_at FROM new_rows WHERE kind = ''purchase''
  ), top AS (
    SELECT customer_id, row_number() OVER (PARTITION BY customer_id ORDER BY placed_at DESC) AS n, placed_at FROM candidates
  )
  INSERT INTO customer_purchase_ranks AS k (customer_id, n, placed_at)
  SELECT customer_id, n, placed_at FROM top WHERE n <= 5 ORDER BY 1, 2
  ON CONFLICT (customer_id, n) DO UPDATE SET placed_at = excluded.placed_at
    WHERE k.placed_at IS DISTINCT FROM excluded.placed_at\073
  RETURN NULL\073
END';

-- Changed or deleted orders (merges moving orders, returns, erasure): the customers that lose a
-- purchase (their rank-1 row exists: locked) or gain one (rank-1 row locked or created) are
-- recomputed from their orders.
CREATE FUNCTION tailor_purchase_ranks_orders_change() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  losing int[]\073
  gaining int[] := ''{}''\073
BEGIN
  IF TG_OP = ''DELETE'' THEN
    losing := array(SELECT DISTINCT customer_id FROM old_rows WHERE kind = ''purchase'' ORDER BY 1)\073
    PERFORM 1 FROM customer_purchase_ranks WHERE customer_id = ANY(losing) AND n = 1 ORDER BY customer_id FOR UPDATE\073
  ELSE
    losing := array(SELECT DISTINCT o.customer_id FROM old_rows o JOIN new_rows w ON w.id = o.id
      WHERE o.kind = ''purchase'' AND (o.customer_id, o.kind, o.placed_at) IS DISTINCT FROM (w.customer_id, w.kind, w.placed_at))\073
    gaining := array(SELECT DISTINCT w.customer_id FROM old_rows o JOIN new_rows w ON w.id = o.id
      WHERE w.kind = ''purchase'' AND (o.customer_id, o.kind, o.placed_at) IS DISTINCT FROM (w.customer_id, w.kind, w.placed_at))\073
    PERFORM 1 FROM customer_purchase_ranks WHERE customer_id = ANY(losing) AND n = 1 ORDER BY customer_id FOR UPDATE\073
    INSERT INTO customer_purchase_ranks AS k (customer_id, n, placed_at)
    SELECT w.customer_id, 1, max(w.placed_at) FROM new_rows w WHERE w.customer_id = ANY(gaining) AND w.kind = ''purchase'' GROUP BY 1 ORDER BY 1
    ON CONFLICT (customer_id, n) DO UPDATE SET placed_at = k.placed_at WHERE false\073
  END IF\073
  PERFORM tailor_purchase_ranks_recompute(array(SELECT unnest(losing) UNION SELECT unnest(gaining)))\073
  RETURN NULL\073
END';

-- TRUNCATE customers CASCADE empties the ranks in the same statement (their foreign key), which then
-- may not be truncated again: only a TRUNCATE of orders alone leaves rows to remove.
CREATE FUNCTION tailor_purchase_ranks_truncate() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF EXISTS (SELECT 1 FROM customer_purchase_ranks) THEN TRUNCATE customer_purchase_ranks\073 END IF\073
  RETURN NULL\073
END';

CREATE TRIGGER orders_purchase_ranks_insert AFTER INSERT ON "orders" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tailor_purchase_ranks_orders_insert();
CREATE TRIGGER orders_purchase_ranks_update AFTER UPDATE ON "orders" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tailor_purchase_ranks_orders_change();
CREATE TRIGGER orders_purchase_ranks_delete AFTER DELETE ON "orders" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tailor_purchase_ranks_orders_change();
CREATE TRIGGER orders_purchase_ranks_truncate AFTER TRUNCATE ON "orders"
  FOR EACH STATEMENT EXECUTE FUNCTION tailor_purchase_ranks_truncate();
ALTER TABLE "orders" ENABLE ALWAYS TRIGGER orders_purchase_ranks_insert;
ALTER TABLE "orders" ENABLE ALWAYS TRIGGER orders_purchase_ranks_update;
ALTER TABLE "orders" ENABLE ALWAYS TRIGGER orders_purchase_ranks_delete;
ALTER TABLE "orders" ENABLE ALWAYS TRIGGER orders_purchase_ranks_truncate;
COMMIT;
