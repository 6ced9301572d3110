-- The audit log and consent history are append-only. Erasure may only blank personal data
-- (audit_log.before/after, consent_records.proof), identity merges may move consent records
-- (customer_id). Everything else in an existing row is frozen, and audit entries cannot be deleted.
-- The function bodies write each semicolon as \073 inside an E'' string: the migration runner
-- (adapter-pg executeScript) splits scripts on every semicolon, dollar quotes included.

CREATE FUNCTION tailor_audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''DELETE'' THEN
    RAISE EXCEPTION ''audit_log is append-only: entries cannot be deleted''\073
  END IF\073
  IF NEW.id IS DISTINCT FROM OLD.id OR NEW.actor_id IS DISTINCT FROM OLD.actor_id OR NEW.actor_label IS DISTINCT FROM OLD.actor_label
     OR NEW.action IS DISTINCT FROM OLD.action OR NEW.target_type IS DISTINCT FROM OLD.target_type
     OR NEW.target_id IS DISTINCT FROM OLD.target_id OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
    RAISE EXCEPTION ''audit_log is append-only: only before/after may be redacted''\073
  END IF\073
  RETURN NEW\073
END';

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION tailor_audit_log_guard();

CREATE FUNCTION tailor_consent_records_guard() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id OR NEW.purpose IS DISTINCT FROM OLD.purpose OR NEW.status IS DISTINCT FROM OLD.status
     OR NEW.source IS DISTINCT FROM OLD.source OR NEW.occurred_at IS DISTINCT FROM OLD.occurred_at
     OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
    RAISE EXCEPTION ''consent_records are append-only: only proof may be redacted (and customer_id moved by a merge)''\073
  END IF\073
  RETURN NEW\073
END';

CREATE TRIGGER consent_records_append_only BEFORE UPDATE ON "consent_records"
  FOR EACH ROW EXECUTE FUNCTION tailor_consent_records_guard();
