-- CreateIndex
CREATE INDEX "consent_records_latest_idx" ON "consent_records"("purpose", "customer_id", "occurred_at" DESC, "id" DESC, "status");

-- CreateIndex
CREATE INDEX "orders_window_idx" ON "orders"("kind", "placed_at", "customer_id", "total");
