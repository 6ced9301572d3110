-- The latest consent record per customer and purpose, kept by statement-level triggers on
-- consent_records (tracking, imports, the preference centre, merges, erasure, cascades from deleted
-- customers all keep it exact). Writers of consent_records wait (SHARE lock) until the table is
-- filled and the triggers exist. Function bodies write each semicolon as \073 inside an E'' string
-- (the migration runner splits scripts on every semicolon).
BEGIN;
LOCK TABLE "consent_records" IN SHARE MODE;

-- CreateTable
CREATE TABLE "consent_latest" (
    "customer_id" INTEGER NOT NULL,
    "purpose" TEXT NOT NULL,
    "status" "ConsentStatus" NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "record_id" BIGINT NOT NULL,

    CONSTRAINT "consent_latest_pkey" PRIMARY KEY ("customer_id","purpose")
);

INSERT INTO "consent_latest" (customer_id, purpose, status, occurred_at, record_id)
SELECT DISTINCT ON (customer_id, purpose) customer_id, purpose, status, occurred_at, id
  FROM "consent_records" ORDER BY customer_id, purpose, occurred_at DESC, id DESC;

-- CreateIndex
CREATE INDEX "consent_latest_purpose_status_customer_id_idx" ON "consent_latest"("purpose", "status", "customer_id");

-- New records: the later of the stored latest and the statement's latest (concurrent writers of the
-- same customer and purpose then agree whatever their order).
CREATE FUNCTION tailor_consent_latest_insert() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO consent_latest AS l (customer_id, purpose, status, occurred_at, record_id)
  SELECT DISTINCT ON (r.customer_id, r.purpose) r.customer_id, r.purpose, r.status, r.occurred_at, r.id
    FROM new_rows r ORDER BY r.customer_id, r.purpose, r.occurred_at DESC, r.id DESC
  ON CONFLICT (customer_id, purpose) DO UPDATE
    SET status = excluded.status, occurred_at = excluded.occurred_at, record_id = excluded.record_id
    WHERE (excluded.occurred_at, excluded.record_id) > (l.occurred_at, l.record_id)\073
  RETURN NULL\073
END';

-- Deleted or changed records (erasure, merges moving records, edits): the pairs touched are recomputed
-- from consent_records.
CREATE FUNCTION tailor_consent_latest_recompute() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  CREATE TEMP TABLE IF NOT EXISTS tailor_consent_pairs (customer_id int, purpose text) ON COMMIT DROP\073
  TRUNCATE tailor_consent_pairs\073
  IF TG_OP = ''DELETE'' THEN
    INSERT INTO tailor_consent_pairs SELECT DISTINCT customer_id, purpose FROM old_rows\073
  ELSE
    INSERT INTO tailor_consent_pairs SELECT customer_id, purpose FROM old_rows UNION SELECT customer_id, purpose FROM new_rows\073
  END IF\073
  DELETE FROM consent_latest l USING tailor_consent_pairs p
   WHERE l.customer_id = p.customer_id AND l.purpose = p.purpose
     AND NOT EXISTS (SELECT 1 FROM consent_records r WHERE r.customer_id = p.customer_id AND r.purpose = p.purpose)\073
  INSERT INTO consent_latest AS l (customer_id, purpose, status, occurred_at, record_id)
  SELECT DISTINCT ON (r.customer_id, r.purpose) r.customer_id, r.purpose, r.status, r.occurred_at, r.id
    FROM consent_records r JOIN tailor_consent_pairs p ON p.customer_id = r.customer_id AND p.purpose = r.purpose
   ORDER BY r.customer_id, r.purpose, r.occurred_at DESC, r.id DESC
  ON CONFLICT (customer_id, purpose) DO UPDATE
    SET status = excluded.status, occurred_at = excluded.occurred_at, record_id = excluded.record_id\073
  RETURN NULL\073
END';

CREATE FUNCTION tailor_consent_latest_truncate() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  TRUNCATE consent_latest\073
  RETURN NULL\073
END';

CREATE TRIGGER consent_latest_insert AFTER INSERT ON "consent_records" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tailor_consent_latest_insert();
CREATE TRIGGER consent_latest_update AFTER UPDATE ON "consent_records" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tailor_consent_latest_recompute();
CREATE TRIGGER consent_latest_delete AFTER DELETE ON "consent_records" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tailor_consent_latest_recompute();
CREATE TRIGGER consent_latest_truncate AFTER TRUNCATE ON "consent_records"
  FOR EACH STATEMENT EXECUTE FUNCTION tailor_consent_latest_truncate();
COMMIT;
