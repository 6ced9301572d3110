-- AlterTable
ALTER TABLE "customer_merges" ADD COLUMN     "moved_flow_run_ids" BIGINT[] DEFAULT ARRAY[]::BIGINT[];

-- AlterTable
ALTER TABLE "email_interactions" ADD COLUMN     "flow_id" TEXT,
ADD COLUMN     "flow_step_id" TEXT,
ALTER COLUMN "campaign_id" DROP NOT NULL;

-- AlterTable
ALTER TABLE "flow_messages" ADD COLUMN     "template_version_id" TEXT,
ADD COLUMN     "tracking_id" TEXT;

-- CreateIndex
CREATE INDEX "email_interactions_flow_id_flow_step_id_kind_idx" ON "email_interactions"("flow_id", "flow_step_id", "kind");

-- CreateIndex
CREATE INDEX "flow_messages_customer_id_idx" ON "flow_messages"("customer_id");
