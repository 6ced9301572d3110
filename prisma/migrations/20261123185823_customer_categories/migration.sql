-- Each customer's purchased categories with the first purchase of each, kept by statement-level
-- triggers on order_lines, orders and products (imports, recorded orders, merges moving orders,
-- erasure, cascades, a product's category changing). Writers wait (SHARE locks) until the table is
-- filled and the triggers exist. Function bodies write each semicolon as \073 inside an E'' string
-- (the migration runner splits scripts on every semicolon).
BEGIN;
LOCK TABLE "orders", "order_lines", "products" IN SHARE MODE;
SET LOCAL work_mem = '512MB';

-- CreateTable
CREATE TABLE "customer_categories" (
    "customer_id" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "first_purchased_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "customer_categories_pkey" PRIMARY KEY ("customer_id","category")
);

INSERT INTO "customer_categories" (customer_id, category, first_purchased_at)
SELECT o.customer_id, p.category, min(o.placed_at)
  FROM "orders" o JOIN "order_lines" ol ON ol.order_id = o.id JOIN "products" p ON p.id = ol.product_id
 WHERE o.kind = 'purchase' AND p.category IS NOT NULL
 GROUP BY 1, 2 ORDER BY 1, 2;

-- The given customers' rows, recomputed from their orders.
CREATE FUNCTION tailor_customer_categories_recompute(ids int[]) RETURNS void LANGUAGE plpgsql AS E'
BEGIN
  IF coalesce(array_length(ids, 1), 0) = 0 THEN RETURN\073 END IF\073
  DELETE FROM customer_categories WHERE customer_id = ANY(ids)\073
  INSERT INTO customer_categories AS cc (customer_id, category, first_purchased_at)
  SELECT o.customer_id, p.category, min(o.placed_at)
    FROM orders o JOIN order_lines ol ON ol.order_id = o.id JOIN products p ON p.id = ol.product_id
   WHERE o.customer_id = ANY(ids) AND o.kind = ''purchase'' AND p.category IS NOT NULL
   GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (customer_id, category) DO UPDATE SET first_purchased_at = excluded.first_purchased_at\073
END';

-- New lines: the earlier of the stored first purchase and the statement's.
CREATE FUNCTION tailor_customer_categories_lines_insert() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO customer_categories AS cc (customer_id, category, first_purchased_at)
  SELECT o.customer_id, p.category, min(o.placed_at)
    FROM new_rows ol JOIN orders o ON o.id = ol.order_id JOIN products p ON p.id = ol.product_id
   WHERE o.kind = ''purchase'' AND p.category IS NOT NULL
   GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (customer_id, category) DO UPDATE SET first_purchased_at = excluded.first_purchased_at
    WHERE excluded.first_purchased_at < cc.first_purchased_at\073
  RETURN NULL\073
END';

-- Changed or deleted lines (a line deleted with its order is handled by the orders trigger).
CREATE FUNCTION tailor_customer_categories_lines_change() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''DELETE'' THEN
    PERFORM tailor_customer_categories_recompute(array(SELECT DISTINCT o.customer_id FROM old_rows r JOIN orders o ON o.id = r.order_id))\073
  ELSE
    PERFORM tailor_customer_categories_recompute(array(
      SELECT o.customer_id FROM old_rows r JOIN orders o ON o.id = r.order_id
      UNION SELECT o.customer_id FROM new_rows r JOIN orders o ON o.id = r.order_id))\073
  END IF\073
  RETURN NULL\073
END';

CREATE FUNCTION tailor_customer_categories_orders_change() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''DELETE'' THEN
    PERFORM tailor_customer_categories_recompute(array(SELECT DISTINCT customer_id FROM old_rows))\073
  ELSE
    PERFORM tailor_customer_categories_recompute(array(
      SELECT o.customer_id FROM old_rows o JOIN new_rows n ON n.id = o.id
       WHERE (o.customer_id, o.kind, o.placed_at) IS DISTINCT FROM (n.customer_id, n.kind, n.placed_at)
      UNION SELECT n.customer_id FROM old_rows o JOIN new_rows n ON n.id = o.id
       WHERE (o.customer_id, o.kind, o.placed_at) IS DISTINCT FROM (n.customer_id, n.kind, n.placed_at)))\073
  END IF\073
  RETURN NULL\073
END';

CREATE FUNCTION tailor_customer_categories_products_change() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM tailor_customer_categories_recompute(array(
    SELECT DISTINCT o.customer_id FROM old_rows op JOIN new_rows np ON np.id = op.id
      JOIN order_lines ol ON ol.product_id = np.id JOIN orders o ON o.id = ol.order_id
     WHERE op.category IS DISTINCT FROM np.category))\073
  RETURN NULL\073
END';

CREATE FUNCTION tailor_customer_categories_truncate() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  TRUNCATE customer_categories\073
  RETURN NULL\073
END';

CREATE TRIGGER order_lines_categories_insert AFTER INSERT ON "order_lines" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tailor_customer_categories_lines_insert();
CREATE TRIGGER order_lines_categories_update AFTER UPDATE ON "order_lines" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tailor_customer_categories_lines_change();
CREATE TRIGGER order_lines_categories_delete AFTER DELETE ON "order_lines" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tailor_customer_categories_lines_change();
CREATE TRIGGER orders_categories_update AFTER UPDATE ON "orders" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tailor_customer_categories_orders_change();
CREATE TRIGGER orders_categories_delete AFTER DELETE ON "orders" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tailor_customer_categories_orders_change();
CREATE TRIGGER products_categories_update AFTER UPDATE ON "products" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tailor_customer_categories_products_change();
CREATE TRIGGER orders_categories_truncate AFTER TRUNCATE ON "orders"
  FOR EACH STATEMENT EXECUTE FUNCTION tailor_customer_categories_truncate();
CREATE TRIGGER order_lines_categories_truncate AFTER TRUNCATE ON "order_lines"
  FOR EACH STATEMENT EXECUTE FUNCTION tailor_customer_categories_truncate();
COMMIT;
