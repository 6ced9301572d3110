-- An installation with millions of events: the counts are filled set-based into the bare table (one
-- INSERT … SELECT … GROUP BY, memory raised for this session), and the key and indexes are built
-- afterwards in one sorted pass each, instead of inserting 17M rows into two b-trees one by one.
-- Writers of events wait (SHARE lock) from the count to the triggers' creation: no event is missed or
-- counted twice. The runner sends each statement on its own, on one connection.
SET maintenance_work_mem = '1GB';
SET work_mem = '512MB';
SET statement_timeout = 0;

-- DropIndex
DROP INDEX "events_type_occurred_at_idx";

-- CreateTable
CREATE TABLE "event_counts" (
    "customer_id" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "key" TEXT NOT NULL DEFAULT '',
    "value" TEXT NOT NULL DEFAULT '',
    "hour_start" TIMESTAMPTZ(3) NOT NULL,
    "n" INTEGER NOT NULL
);

BEGIN;
LOCK TABLE "events" IN SHARE MODE;

-- The events already stored.
INSERT INTO event_counts (customer_id, type, key, value, hour_start, n)
SELECT customer_id, type, '', '', date_trunc('hour', occurred_at, 'UTC'), count(*)::int
  FROM events WHERE customer_id IS NOT NULL GROUP BY 1, 2, 5;

ALTER TABLE "event_counts" ADD CONSTRAINT "event_counts_pkey" PRIMARY KEY ("customer_id","type","key","value","hour_start");

-- CreateTable
CREATE TABLE "event_rollup_keys" (
    "event_type" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_rollup_keys_pkey" PRIMARY KEY ("event_type","key")
);

-- CreateIndex
CREATE INDEX "event_counts_window_idx" ON "event_counts"("type", "key", "value", "hour_start", "customer_id", "n");

-- CreateIndex
CREATE INDEX "events_type_occurred_at_idx" ON "events"("type", "occurred_at", "customer_id", "id");

-- CreateIndex
CREATE INDEX "events_customer_id_type_occurred_at_id_idx" ON "events"("customer_id", "type", "occurred_at", "id");

-- event_counts is kept by statement-level triggers on events, so that every path that writes events
-- (tracking, imports, demo data, merges, erasure, cascades from deleted customers) keeps it exact.
-- The function bodies write each semicolon as \073 inside an E'' string (the migration runner splits
-- scripts on every semicolon). Hours are UTC hours whatever the session's time zone.

CREATE FUNCTION tailor_event_counts_insert() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO event_counts AS ec (customer_id, type, key, value, hour_start, n)
  SELECT x.customer_id, x.type, x.key, x.value, x.hour_start, count(*)::int FROM (
    SELECT r.customer_id, r.type, '''' AS key, '''' AS value, date_trunc(''hour'', r.occurred_at, ''UTC'') AS hour_start
      FROM new_rows r WHERE r.customer_id IS NOT NULL
    UNION ALL
    SELECT r.customer_id, r.type, k.key, r.properties ->> k.key, date_trunc(''hour'', r.occurred_at, ''UTC'')
      FROM new_rows r JOIN event_rollup_keys k ON k.event_type = r.type
     WHERE r.customer_id IS NOT NULL AND (r.properties ->> k.key) IS NOT NULL
  ) x GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (customer_id, type, key, value, hour_start) DO UPDATE SET n = ec.n + excluded.n\073
  RETURN NULL\073
END';

CREATE FUNCTION tailor_event_counts_delete() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  CREATE TEMP TABLE IF NOT EXISTS tailor_event_count_delta (customer_id int, type text, key text, value text, hour_start timestamptz, n int) ON COMMIT DROP\073
  TRUNCATE tailor_event_count_delta\073
  INSERT INTO tailor_event_count_delta
  SELECT x.customer_id, x.type, x.key, x.value, x.hour_start, count(*)::int FROM (
    SELECT r.customer_id, r.type, '''' AS key, '''' AS value, date_trunc(''hour'', r.occurred_at, ''UTC'') AS hour_start
      FROM old_rows r WHERE r.customer_id IS NOT NULL
    UNION ALL
    SELECT r.customer_id, r.type, k.key, r.properties ->> k.key, date_trunc(''hour'', r.occurred_at, ''UTC'')
      FROM old_rows r JOIN event_rollup_keys k ON k.event_type = r.type
     WHERE r.customer_id IS NOT NULL AND (r.properties ->> k.key) IS NOT NULL
  ) x GROUP BY 1, 2, 3, 4, 5\073
  UPDATE event_counts ec SET n = ec.n - d.n FROM tailor_event_count_delta d
   WHERE ec.customer_id = d.customer_id AND ec.type = d.type AND ec.key = d.key AND ec.value = d.value AND ec.hour_start = d.hour_start\073
  DELETE FROM event_counts ec USING tailor_event_count_delta d
   WHERE ec.customer_id = d.customer_id AND ec.type = d.type AND ec.key = d.key AND ec.value = d.value AND ec.hour_start = d.hour_start
     AND ec.n <= 0\073
  TRUNCATE tailor_event_count_delta\073
  RETURN NULL\073
END';

-- An update (a merge moving events, an erasure rewriting properties) is the old rows out, the new in.
CREATE FUNCTION tailor_event_counts_update() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  CREATE TEMP TABLE IF NOT EXISTS tailor_event_count_delta (customer_id int, type text, key text, value text, hour_start timestamptz, n int) ON COMMIT DROP\073
  TRUNCATE tailor_event_count_delta\073
  INSERT INTO tailor_event_count_delta
  SELECT x.customer_id, x.type, x.key, x.value, x.hour_start, sum(x.n)::int FROM (
    SELECT r.customer_id, r.type, '''' AS key, '''' AS value, date_trunc(''hour'', r.occurred_at, ''UTC'') AS hour_start, 1 AS n
      FROM new_rows r WHERE r.customer_id IS NOT NULL
    UNION ALL
    SELECT r.customer_id, r.type, k.key, r.properties ->> k.key, date_trunc(''hour'', r.occurred_at, ''UTC''), 1
      FROM new_rows r JOIN event_rollup_keys k ON k.event_type = r.type
     WHERE r.customer_id IS NOT NULL AND (r.properties ->> k.key) IS NOT NULL
    UNION ALL
    SELECT r.customer_id, r.type, '''', '''', date_trunc(''hour'', r.occurred_at, ''UTC''), -1
      FROM old_rows r WHERE r.customer_id IS NOT NULL
    UNION ALL
    SELECT r.customer_id, r.type, k.key, r.properties ->> k.key, date_trunc(''hour'', r.occurred_at, ''UTC''), -1
      FROM old_rows r JOIN event_rollup_keys k ON k.event_type = r.type
     WHERE r.customer_id IS NOT NULL AND (r.properties ->> k.key) IS NOT NULL
  ) x GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.n) <> 0\073
  INSERT INTO event_counts AS ec (customer_id, type, key, value, hour_start, n)
  SELECT customer_id, type, key, value, hour_start, n FROM tailor_event_count_delta ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (customer_id, type, key, value, hour_start) DO UPDATE SET n = ec.n + excluded.n\073
  DELETE FROM event_counts ec USING tailor_event_count_delta d
   WHERE ec.customer_id = d.customer_id AND ec.type = d.type AND ec.key = d.key AND ec.value = d.value AND ec.hour_start = d.hour_start
     AND ec.n <= 0\073
  TRUNCATE tailor_event_count_delta\073
  RETURN NULL\073
END';

CREATE FUNCTION tailor_event_counts_truncate() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  TRUNCATE event_counts\073
  RETURN NULL\073
END';

CREATE TRIGGER events_counts_insert AFTER INSERT ON "events" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tailor_event_counts_insert();
CREATE TRIGGER events_counts_update AFTER UPDATE ON "events" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tailor_event_counts_update();
CREATE TRIGGER events_counts_delete AFTER DELETE ON "events" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tailor_event_counts_delete();
CREATE TRIGGER events_counts_truncate AFTER TRUNCATE ON "events"
  FOR EACH STATEMENT EXECUTE FUNCTION tailor_event_counts_truncate();
COMMIT;

RESET work_mem;
RESET maintenance_work_mem;
RESET statement_timeout;
