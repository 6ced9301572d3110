-- The Online Retail import inserts order lines with session_replication_role = replica (no per-row
-- foreign key checks), which also silences ordinary triggers. customer_categories must follow those
-- lines too, so its triggers fire in every replication role.
ALTER TABLE "order_lines" ENABLE ALWAYS TRIGGER order_lines_categories_insert;
ALTER TABLE "order_lines" ENABLE ALWAYS TRIGGER order_lines_categories_update;
ALTER TABLE "order_lines" ENABLE ALWAYS TRIGGER order_lines_categories_delete;
ALTER TABLE "order_lines" ENABLE ALWAYS TRIGGER order_lines_categories_truncate;
ALTER TABLE "orders" ENABLE ALWAYS TRIGGER orders_categories_update;
ALTER TABLE "orders" ENABLE ALWAYS TRIGGER orders_categories_delete;
ALTER TABLE "orders" ENABLE ALWAYS TRIGGER orders_categories_truncate;
ALTER TABLE "products" ENABLE ALWAYS TRIGGER products_categories_update;
