-- CreateIndex
CREATE INDEX "customers_country_id_idx" ON "customers"("country", "id");

-- CreateIndex
CREATE INDEX "customers_city_id_idx" ON "customers"("city", "id");
