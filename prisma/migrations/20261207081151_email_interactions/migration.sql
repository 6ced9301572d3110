-- AlterTable
ALTER TABLE "settings" ADD COLUMN     "attribution_days" INTEGER NOT NULL DEFAULT 5;

-- CreateTable
CREATE TABLE "email_interactions" (
    "id" BIGSERIAL NOT NULL,
    "campaign_id" TEXT NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "machine" BOOLEAN NOT NULL DEFAULT false,
    "machine_reason" TEXT,
    "link" SMALLINT,
    "url" TEXT,
    "user_agent" TEXT,
    "detail" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "email_interactions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "machine_ip_ranges" (
    "range" INET NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "machine_ip_ranges_pkey" PRIMARY KEY ("range")
);

-- CreateIndex
CREATE INDEX "email_interactions_campaign_id_kind_occurred_at_idx" ON "email_interactions"("campaign_id", "kind", "occurred_at");

-- CreateIndex
CREATE INDEX "email_interactions_customer_id_occurred_at_idx" ON "email_interactions"("customer_id", "occurred_at");

-- CreateIndex
CREATE INDEX "machine_ip_ranges_range_idx" ON "machine_ip_ranges" USING GIST ("range" inet_ops);

-- AddForeignKey
ALTER TABLE "email_interactions" ADD CONSTRAINT "email_interactions_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "email_interactions" ADD CONSTRAINT "email_interactions_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
