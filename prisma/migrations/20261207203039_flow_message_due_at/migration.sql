-- AlterTable
ALTER TABLE "flow_messages" ADD COLUMN     "due_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "flow_messages_status_due_at_idx" ON "flow_messages"("status", "due_at");
