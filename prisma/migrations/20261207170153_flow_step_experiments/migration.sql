-- AlterTable
ALTER TABLE "flow_messages" ADD COLUMN     "experiment_id" BIGINT,
ADD COLUMN     "variant" TEXT;

-- CreateTable
CREATE TABLE "flow_step_experiments" (
    "id" BIGSERIAL NOT NULL,
    "flow_id" TEXT NOT NULL,
    "step_id" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'testing',
    "winner" TEXT,
    "decision" JSONB,
    "sample_reached_at" TIMESTAMPTZ(3),
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "flow_step_experiments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "flow_step_experiment_allocations" (
    "experiment_id" BIGINT NOT NULL,
    "wave" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "shares" JSONB NOT NULL,
    "arms" JSONB NOT NULL,

    CONSTRAINT "flow_step_experiment_allocations_pkey" PRIMARY KEY ("experiment_id","wave")
);

-- CreateIndex
CREATE INDEX "flow_step_experiments_status_idx" ON "flow_step_experiments"("status");

-- CreateIndex
CREATE UNIQUE INDEX "flow_step_experiments_flow_id_step_id_fingerprint_key" ON "flow_step_experiments"("flow_id", "step_id", "fingerprint");

-- CreateIndex
CREATE INDEX "flow_messages_experiment_id_variant_idx" ON "flow_messages"("experiment_id", "variant");

-- AddForeignKey
ALTER TABLE "flow_step_experiments" ADD CONSTRAINT "flow_step_experiments_flow_id_fkey" FOREIGN KEY ("flow_id") REFERENCES "flows"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flow_step_experiment_allocations" ADD CONSTRAINT "flow_step_experiment_allocations_experiment_id_fkey" FOREIGN KEY ("experiment_id") REFERENCES "flow_step_experiments"("id") ON DELETE CASCADE ON UPDATE CASCADE;
