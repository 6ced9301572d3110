-- CreateEnum
CREATE TYPE "ModelKind" AS ENUM ('clv', 'churn', 'propensity', 'recommendations');

-- CreateEnum
CREATE TYPE "ModelRunStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

-- AlterTable
ALTER TABLE "products" ADD COLUMN     "image_url" TEXT,
ADD COLUMN     "url" TEXT;

-- CreateTable
CREATE TABLE "model_runs" (
    "id" TEXT NOT NULL,
    "kind" "ModelKind" NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "ModelRunStatus" NOT NULL DEFAULT 'queued',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "phase" TEXT NOT NULL DEFAULT 'queued',
    "error" TEXT,
    "cancel_requested_at" TIMESTAMPTZ(3),
    "trigger" TEXT NOT NULL DEFAULT 'manual',
    "window" JSONB NOT NULL,
    "params" JSONB,
    "metrics" JSONB,
    "training_rows" INTEGER,
    "scored_customers" INTEGER,
    "created_by_id" TEXT,
    "created_by_email" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "duration_ms" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_scores" (
    "customer_id" INTEGER NOT NULL,
    "clv" DOUBLE PRECISION,
    "expected_purchases" DOUBLE PRECISION,
    "probability_alive" DOUBLE PRECISION,
    "churn_probability" DOUBLE PRECISION,
    "propensity" DOUBLE PRECISION,
    "recommended_product_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "clv_run_id" TEXT,
    "churn_run_id" TEXT,
    "propensity_run_id" TEXT,
    "recommendations_run_id" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_scores_pkey" PRIMARY KEY ("customer_id")
);

-- CreateIndex
CREATE INDEX "model_runs_kind_created_at_idx" ON "model_runs"("kind", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "model_runs_kind_version_key" ON "model_runs"("kind", "version");

-- CreateIndex
CREATE INDEX "customer_scores_churn_probability_idx" ON "customer_scores"("churn_probability");

-- CreateIndex
CREATE INDEX "customer_scores_clv_idx" ON "customer_scores"("clv");

-- CreateIndex
CREATE INDEX "customer_scores_probability_alive_idx" ON "customer_scores"("probability_alive");

-- CreateIndex
CREATE INDEX "customer_scores_propensity_idx" ON "customer_scores"("propensity");

-- AddForeignKey
ALTER TABLE "customer_scores" ADD CONSTRAINT "customer_scores_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
