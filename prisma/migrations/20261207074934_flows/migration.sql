-- CreateTable
CREATE TABLE "flows" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "trigger" JSONB NOT NULL,
    "steps" JSONB NOT NULL,
    "reentry" JSONB NOT NULL DEFAULT '{"kind":"once"}',
    "exit_on" JSONB NOT NULL DEFAULT '[]',
    "event_types" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "segment_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "activated_at" TIMESTAMPTZ(3),
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "flows_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "flow_runs" (
    "id" BIGSERIAL NOT NULL,
    "flow_id" TEXT NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "active_customer_id" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'active',
    "step_id" TEXT,
    "phase" TEXT NOT NULL DEFAULT 'ready',
    "due_at" TIMESTAMPTZ(3),
    "step_started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "matched_event_id" BIGINT,
    "trigger_event_id" BIGINT,
    "triggered_at" TIMESTAMPTZ(3) NOT NULL,
    "entered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(3),
    "exit_reason" TEXT,
    "flow_version" INTEGER NOT NULL,

    CONSTRAINT "flow_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "flow_run_steps" (
    "run_id" BIGINT NOT NULL,
    "step_id" TEXT NOT NULL,
    "flow_id" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),
    "outcome" TEXT,

    CONSTRAINT "flow_run_steps_pkey" PRIMARY KEY ("run_id","step_id")
);

-- CreateTable
CREATE TABLE "flow_signals" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "event_id" BIGINT,
    "event_type" TEXT,
    "segment_id" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "flow_signals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "flow_messages" (
    "id" BIGSERIAL NOT NULL,
    "run_id" BIGINT NOT NULL,
    "step_id" TEXT NOT NULL,
    "flow_id" TEXT NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "template_id" TEXT NOT NULL,
    "trigger_event_id" BIGINT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "skip_reason" TEXT,
    "message_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "flow_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "flow_runs_flow_id_customer_id_entered_at_idx" ON "flow_runs"("flow_id", "customer_id", "entered_at");

-- CreateIndex
CREATE INDEX "flow_runs_due_at_idx" ON "flow_runs"("due_at");

-- CreateIndex
CREATE INDEX "flow_runs_flow_id_status_step_id_idx" ON "flow_runs"("flow_id", "status", "step_id");

-- CreateIndex
CREATE UNIQUE INDEX "flow_runs_flow_id_active_customer_id_key" ON "flow_runs"("flow_id", "active_customer_id");

-- CreateIndex
CREATE INDEX "flow_run_steps_flow_id_step_id_idx" ON "flow_run_steps"("flow_id", "step_id");

-- CreateIndex
CREATE INDEX "flow_messages_status_id_idx" ON "flow_messages"("status", "id");

-- CreateIndex
CREATE INDEX "flow_messages_flow_id_step_id_idx" ON "flow_messages"("flow_id", "step_id");

-- CreateIndex
CREATE UNIQUE INDEX "flow_messages_run_id_step_id_key" ON "flow_messages"("run_id", "step_id");

-- AddForeignKey
ALTER TABLE "flow_runs" ADD CONSTRAINT "flow_runs_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "flows"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flow_runs" ADD CONSTRAINT "flow_runs_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flow_run_steps" ADD CONSTRAINT "flow_run_steps_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "flow_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Signals to the flow engine, written in the same transaction as what causes them (so none is lost):
-- events of the types a live or paused flow listens to, and entries into the segments that trigger one.
-- (Function bodies as E'' strings with \073 for semicolons: the migration runner splits statements on them.)
CREATE FUNCTION flow_signals_from_events() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO flow_signals (kind, customer_id, event_id, event_type, at)
  SELECT ''event'', n.customer_id, n.id, n.type, n.occurred_at
  FROM new_rows n
  WHERE n.customer_id IS NOT NULL
    AND n.type IN (SELECT unnest(f.event_types) FROM flows f WHERE f.status IN (''active'', ''paused''))\073
  RETURN NULL\073
END';

CREATE TRIGGER events_flow_signals AFTER INSERT ON "events" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION flow_signals_from_events();

CREATE FUNCTION flow_signals_from_segment_entries() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO flow_signals (kind, customer_id, segment_id, at)
  SELECT ''segment_enter'', n.customer_id, n.segment_id, n.at
  FROM new_rows n
  WHERE n.kind = ''enter''
    AND n.segment_id IN (SELECT unnest(f.segment_ids) FROM flows f WHERE f.status IN (''active'', ''paused''))\073
  RETURN NULL\073
END';

CREATE TRIGGER segment_transitions_flow_signals AFTER INSERT ON "segment_transitions" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION flow_signals_from_segment_entries();
