-- AlterTable
ALTER TABLE "flow_messages" ADD COLUMN     "attempts" SMALLINT NOT NULL DEFAULT 0,
ADD COLUMN     "claimed_at" TIMESTAMPTZ(3),
ADD COLUMN     "email" TEXT,
ADD COLUMN     "error" TEXT,
ADD COLUMN     "possible_duplicate" BOOLEAN NOT NULL DEFAULT false;
