-- CreateEnum
CREATE TYPE "ClusterRunStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "cluster_runs" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "algorithm" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "status" "ClusterRunStatus" NOT NULL DEFAULT 'queued',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "phase" TEXT NOT NULL DEFAULT 'queued',
    "error" TEXT,
    "cancel_requested_at" TIMESTAMPTZ(3),
    "created_by_id" TEXT,
    "created_by_email" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "population" INTEGER,
    "k" INTEGER,
    "results" JSONB,
    "cluster_names" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "cluster_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cluster_assignments" (
    "run_id" TEXT NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "cluster" SMALLINT NOT NULL,

    CONSTRAINT "cluster_assignments_pkey" PRIMARY KEY ("run_id","customer_id")
);

-- CreateIndex
CREATE INDEX "cluster_runs_created_at_idx" ON "cluster_runs"("created_at" DESC);

-- CreateIndex
CREATE INDEX "cluster_assignments_run_id_cluster_idx" ON "cluster_assignments"("run_id", "cluster");

-- AddForeignKey
ALTER TABLE "cluster_assignments" ADD CONSTRAINT "cluster_assignments_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "cluster_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
