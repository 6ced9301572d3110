-- AlterTable
ALTER TABLE "customer_merges" ADD COLUMN     "ledger_conflicts" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "moved_cap_send_ids" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
ADD COLUMN     "moved_interaction_ids" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
ADD COLUMN     "moved_send_campaign_ids" TEXT[] DEFAULT ARRAY[]::TEXT[];
