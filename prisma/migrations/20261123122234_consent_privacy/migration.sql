-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateEnum
CREATE TYPE "ConsentDefault" AS ENUM ('opt_in', 'opt_out');

-- CreateEnum
CREATE TYPE "SuppressionReason" AS ENUM ('unsubscribed', 'hard_bounce', 'complaint', 'manual', 'erased');

-- CreateEnum
CREATE TYPE "DataSubjectRequestKind" AS ENUM ('export', 'erasure');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "deactivated_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "consent_purposes" (
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "default_rule" "ConsentDefault" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consent_purposes_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "suppressions" (
    "id" SERIAL NOT NULL,
    "address_hash" TEXT NOT NULL,
    "email" TEXT,
    "reason" "SuppressionReason" NOT NULL,
    "source" TEXT NOT NULL DEFAULT '',
    "note" TEXT NOT NULL DEFAULT '',
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "suppressions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "data_subject_requests" (
    "id" TEXT NOT NULL,
    "kind" "DataSubjectRequestKind" NOT NULL,
    "subject_ref" TEXT NOT NULL,
    "requested_by" TEXT NOT NULL,
    "performed_by_id" TEXT,
    "performed_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "data_subject_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "suppressions_address_hash_key" ON "suppressions"("address_hash");

-- CreateIndex
CREATE INDEX "suppressions_reason_idx" ON "suppressions"("reason");

-- CreateIndex
CREATE INDEX "suppressions_created_at_idx" ON "suppressions"("created_at" DESC);

-- CreateIndex
CREATE INDEX "data_subject_requests_subject_ref_idx" ON "data_subject_requests"("subject_ref");
