-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pgcrypto";

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('draft', 'scheduled', 'sending', 'paused', 'finished', 'cancelled', 'failed');

-- CreateEnum
CREATE TYPE "CampaignScheduleKind" AS ENUM ('now', 'at', 'local_hour');

-- CreateEnum
CREATE TYPE "SendState" AS ENUM ('queued', 'sending', 'sent', 'failed', 'skipped');

-- CreateEnum
CREATE TYPE "SkipReason" AS ENUM ('no_consent', 'suppressed', 'frequency_cap', 'no_address', 'cancelled', 'render_failed');

-- AlterTable
ALTER TABLE "settings" ADD COLUMN     "frequency_cap_count" INTEGER,
ADD COLUMN     "frequency_cap_days" INTEGER NOT NULL DEFAULT 7,
ADD COLUMN     "reply_to" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "sender_email" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "sender_name" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "campaigns" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "include_segment_ids" TEXT[],
    "exclude_segment_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "template_id" TEXT,
    "template_version_id" TEXT,
    "subject" TEXT,
    "preheader" TEXT,
    "sender_name" TEXT NOT NULL DEFAULT '',
    "sender_email" TEXT NOT NULL DEFAULT '',
    "reply_to" TEXT NOT NULL DEFAULT '',
    "schedule_kind" "CampaignScheduleKind" NOT NULL DEFAULT 'now',
    "scheduled_at" TIMESTAMPTZ(3),
    "local_hour" SMALLINT,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "transactional" BOOLEAN NOT NULL DEFAULT false,
    "sending_account_id" TEXT NOT NULL DEFAULT 'default',
    "status" "CampaignStatus" NOT NULL DEFAULT 'draft',
    "audience_count" INTEGER,
    "error" TEXT,
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_sends" (
    "campaign_id" TEXT NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "chunk" INTEGER NOT NULL,
    "state" "SendState" NOT NULL DEFAULT 'queued',
    "skip_reason" "SkipReason",
    "message_id" TEXT,
    "email" TEXT,
    "attempts" SMALLINT NOT NULL DEFAULT 0,
    "possible_duplicate" BOOLEAN NOT NULL DEFAULT false,
    "variant" TEXT,
    "error" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_sends_pkey" PRIMARY KEY ("campaign_id","customer_id")
);

-- CreateTable
CREATE TABLE "campaign_chunks" (
    "campaign_id" TEXT NOT NULL,
    "chunk" INTEGER NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "rows" INTEGER NOT NULL,
    "lease_owner" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "done_at" TIMESTAMPTZ(3),

    CONSTRAINT "campaign_chunks_pkey" PRIMARY KEY ("campaign_id","chunk")
);

-- CreateTable
CREATE TABLE "frequency_cap_sends" (
    "id" BIGSERIAL NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "source_type" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "frequency_cap_sends_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sending_accounts" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "per_second" INTEGER,
    "per_hour" INTEGER,
    "pool_size" INTEGER NOT NULL DEFAULT 5,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sending_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "campaigns_status_idx" ON "campaigns"("status");

-- CreateIndex
CREATE INDEX "campaigns_created_at_idx" ON "campaigns"("created_at" DESC);

-- CreateIndex
CREATE INDEX "campaign_sends_campaign_id_chunk_state_idx" ON "campaign_sends"("campaign_id", "chunk", "state");

-- CreateIndex
CREATE INDEX "campaign_sends_campaign_id_state_idx" ON "campaign_sends"("campaign_id", "state");

-- CreateIndex
CREATE INDEX "campaign_sends_customer_id_idx" ON "campaign_sends"("customer_id");

-- CreateIndex
CREATE INDEX "campaign_sends_message_id_idx" ON "campaign_sends"("message_id");

-- CreateIndex
CREATE INDEX "campaign_chunks_done_at_due_at_idx" ON "campaign_chunks"("done_at", "due_at");

-- CreateIndex
CREATE INDEX "frequency_cap_sends_customer_id_sent_at_idx" ON "frequency_cap_sends"("customer_id", "sent_at");

-- CreateIndex
CREATE UNIQUE INDEX "frequency_cap_sends_source_type_source_id_customer_id_key" ON "frequency_cap_sends"("source_type", "source_id", "customer_id");

-- AddForeignKey
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "email_templates"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_template_version_id_fkey" FOREIGN KEY ("template_version_id") REFERENCES "email_template_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_sending_account_id_fkey" FOREIGN KEY ("sending_account_id") REFERENCES "sending_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_sends" ADD CONSTRAINT "campaign_sends_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_sends" ADD CONSTRAINT "campaign_sends_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_chunks" ADD CONSTRAINT "campaign_chunks_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "frequency_cap_sends" ADD CONSTRAINT "frequency_cap_sends_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The account SMTP_URL (or, in development, the embedded Outbox server) stands for: always present.
INSERT INTO "sending_accounts" ("id", "name", "updated_at") VALUES ('default', 'Default (SMTP_URL)', CURRENT_TIMESTAMP);
