-- AlterTable
ALTER TABLE "flows" ADD COLUMN     "exit_segment_ids" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- Signals to the flow engine from segment transitions: entries into the segments that trigger a live
-- or paused flow, and now also exits from the segments whose leaving takes people out of one.
-- (Function body as an E string with \073 for semicolons: the migration runner splits statements on them.)
CREATE OR REPLACE FUNCTION flow_signals_from_segment_entries() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO flow_signals (kind, customer_id, segment_id, at)
  SELECT ''segment_enter'', n.customer_id, n.segment_id, n.at
  FROM new_rows n
  WHERE n.kind = ''enter''
    AND n.segment_id IN (SELECT unnest(f.segment_ids) FROM flows f WHERE f.status IN (''active'', ''paused''))\073
  INSERT INTO flow_signals (kind, customer_id, segment_id, at)
  SELECT ''segment_leave'', n.customer_id, n.segment_id, n.at
  FROM new_rows n
  WHERE n.kind = ''exit''
    AND n.segment_id IN (SELECT unnest(f.exit_segment_ids) FROM flows f WHERE f.status IN (''active'', ''paused''))\073
  RETURN NULL\073
END';
