-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateTable
CREATE TABLE "customer_features" (
    "customer_id" INTEGER NOT NULL,
    "as_of" TIMESTAMPTZ(3) NOT NULL,
    "recency_days" INTEGER,
    "frequency" INTEGER NOT NULL DEFAULT 0,
    "monetary" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "avg_order_value" DECIMAL(14,2),
    "first_purchase_at" TIMESTAMPTZ(3),
    "last_purchase_at" TIMESTAMPTZ(3),
    "tenure_days" INTEGER,
    "categories" INTEGER NOT NULL DEFAULT 0,
    "opens_30" INTEGER NOT NULL DEFAULT 0,
    "opens_90" INTEGER NOT NULL DEFAULT 0,
    "clicks_30" INTEGER NOT NULL DEFAULT 0,
    "clicks_90" INTEGER NOT NULL DEFAULT 0,
    "last_seen_at" TIMESTAMPTZ(3),
    "r_score" SMALLINT,
    "f_score" SMALLINT,
    "m_score" SMALLINT,
    "rfm_code" TEXT,
    "rfm_segment" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_features_pkey" PRIMARY KEY ("customer_id")
);

-- CreateTable
CREATE TABLE "segments" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "rules" JSONB NOT NULL,
    "triggers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "depends_on" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "time_based" BOOLEAN NOT NULL DEFAULT false,
    "member_count" INTEGER NOT NULL DEFAULT 0,
    "build_status" TEXT NOT NULL DEFAULT 'queued',
    "build_progress" INTEGER NOT NULL DEFAULT 0,
    "build_error" TEXT,
    "built_at" TIMESTAMPTZ(3),
    "time_checked_at" TIMESTAMPTZ(3),
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "segments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "segment_members" (
    "segment_id" TEXT NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "entered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "segment_members_pkey" PRIMARY KEY ("segment_id","customer_id")
);

-- CreateTable
CREATE TABLE "segment_transitions" (
    "id" BIGSERIAL NOT NULL,
    "segment_id" TEXT NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "cause" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "segment_transitions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "segment_sizes" (
    "segment_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "size" INTEGER NOT NULL,

    CONSTRAINT "segment_sizes_pkey" PRIMARY KEY ("segment_id","day")
);

-- CreateIndex
CREATE INDEX "customer_features_rfm_segment_idx" ON "customer_features"("rfm_segment");

-- CreateIndex
CREATE INDEX "customer_features_recency_days_idx" ON "customer_features"("recency_days");

-- CreateIndex
CREATE INDEX "customer_features_frequency_idx" ON "customer_features"("frequency");

-- CreateIndex
CREATE INDEX "customer_features_monetary_idx" ON "customer_features"("monetary");

-- CreateIndex
CREATE INDEX "segments_triggers_idx" ON "segments" USING GIN ("triggers");

-- CreateIndex
CREATE INDEX "segment_members_customer_id_idx" ON "segment_members"("customer_id");

-- CreateIndex
CREATE INDEX "segment_transitions_segment_id_at_idx" ON "segment_transitions"("segment_id", "at");

-- CreateIndex
CREATE INDEX "segment_transitions_customer_id_at_idx" ON "segment_transitions"("customer_id", "at");

-- AddForeignKey
ALTER TABLE "customer_features" ADD CONSTRAINT "customer_features_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "segment_members" ADD CONSTRAINT "segment_members_segment_id_fkey" FOREIGN KEY ("segment_id") REFERENCES "segments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "segment_members" ADD CONSTRAINT "segment_members_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "segment_transitions" ADD CONSTRAINT "segment_transitions_segment_id_fkey" FOREIGN KEY ("segment_id") REFERENCES "segments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "segment_transitions" ADD CONSTRAINT "segment_transitions_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "segment_sizes" ADD CONSTRAINT "segment_sizes_segment_id_fkey" FOREIGN KEY ("segment_id") REFERENCES "segments"("id") ON DELETE CASCADE ON UPDATE CASCADE;
