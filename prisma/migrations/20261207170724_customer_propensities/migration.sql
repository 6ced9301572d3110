-- CreateTable
CREATE TABLE "customer_propensities" (
    "customer_id" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "probability" DOUBLE PRECISION NOT NULL,
    "run_id" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_propensities_pkey" PRIMARY KEY ("customer_id","category")
);

-- CreateIndex
CREATE INDEX "customer_propensities_category_probability_idx" ON "customer_propensities"("category", "probability");

-- AddForeignKey
ALTER TABLE "customer_propensities" ADD CONSTRAINT "customer_propensities_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Keep the propensities already written, under the category of the run that wrote them (empty: any product)
INSERT INTO "customer_propensities" ("customer_id", "category", "probability", "run_id", "updated_at")
SELECT s."customer_id", coalesce(r."window" ->> 'category', ''), s."propensity", s."propensity_run_id", s."updated_at"
FROM "customer_scores" s JOIN "model_runs" r ON r."id" = s."propensity_run_id"
WHERE s."propensity" IS NOT NULL;

-- DropIndex
DROP INDEX "customer_scores_propensity_idx";

-- AlterTable
ALTER TABLE "customer_scores" DROP COLUMN "propensity",
DROP COLUMN "propensity_run_id";
