-- AlterEnum
ALTER TYPE "SendState" ADD VALUE 'held';

-- AlterEnum
ALTER TYPE "SkipReason" ADD VALUE 'holdout';

-- CreateTable
CREATE TABLE "campaign_experiments" (
    "campaign_id" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "variants" JSONB NOT NULL,
    "test_percent" SMALLINT NOT NULL,
    "holdout_percent" SMALLINT NOT NULL,
    "method" TEXT NOT NULL DEFAULT 'fixed',
    "alpha" DOUBLE PRECISION NOT NULL DEFAULT 0.05,
    "tau" DOUBLE PRECISION NOT NULL DEFAULT 0.02,
    "wait_minutes" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'testing',
    "winner" TEXT,
    "decision" JSONB,
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_experiments_pkey" PRIMARY KEY ("campaign_id")
);

-- CreateTable
CREATE TABLE "campaign_experiment_allocations" (
    "campaign_id" TEXT NOT NULL,
    "wave" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "shares" JSONB NOT NULL,
    "arms" JSONB NOT NULL,
    "recipients" INTEGER NOT NULL,

    CONSTRAINT "campaign_experiment_allocations_pkey" PRIMARY KEY ("campaign_id","wave")
);

-- CreateIndex
CREATE INDEX "campaign_experiments_status_idx" ON "campaign_experiments"("status");

-- AddForeignKey
ALTER TABLE "campaign_experiments" ADD CONSTRAINT "campaign_experiments_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_experiment_allocations" ADD CONSTRAINT "campaign_experiment_allocations_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign_experiments"("campaign_id") ON DELETE CASCADE ON UPDATE CASCADE;
