-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateEnum
CREATE TYPE "ApiKeyKind" AS ENUM ('public', 'secret');

-- CreateEnum
CREATE TYPE "IdentityFlagKind" AS ENUM ('conflict', 'junk');

-- CreateTable
CREATE TABLE "api_keys" (
    "id" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "kind" "ApiKeyKind" NOT NULL,
    "key_hash" TEXT NOT NULL,
    "key_prefix" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'api',
    "allowed_origins" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tracking_events" (
    "id" BIGSERIAL NOT NULL,
    "message_id" TEXT NOT NULL,
    "api_key_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "user_id" TEXT,
    "anonymous_id" TEXT,
    "payload" JSONB NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),
    "error" TEXT,

    CONSTRAINT "tracking_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_merges" (
    "id" SERIAL NOT NULL,
    "survivor_id" INTEGER NOT NULL,
    "merged_id" INTEGER NOT NULL,
    "identifier_type" TEXT NOT NULL,
    "identifier_source" TEXT NOT NULL DEFAULT '',
    "identifier_value" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "actor_label" TEXT NOT NULL,
    "merged_snapshot" JSONB NOT NULL,
    "survivor_before" JSONB NOT NULL,
    "moved_identity_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "moved_event_ids" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    "moved_order_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "moved_consent_ids" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undone_at" TIMESTAMPTZ(3),
    "undone_by" TEXT,

    CONSTRAINT "customer_merges_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identity_flags" (
    "id" SERIAL NOT NULL,
    "kind" "IdentityFlagKind" NOT NULL,
    "type" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT '',
    "value" TEXT NOT NULL,
    "customer_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "detail" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "identity_flags_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identity_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "max_profiles_per_identifier" INTEGER NOT NULL DEFAULT 5,
    "blocklist" TEXT[] DEFAULT ARRAY['test@test.com', 'test@example.com', 'noreply@example.com', '0000000000', '+10000000000', '1234567890', 'anonymous', 'null', 'undefined']::TEXT[],
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "identity_settings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

-- CreateIndex
CREATE UNIQUE INDEX "tracking_events_message_id_key" ON "tracking_events"("message_id");

-- CreateIndex
CREATE INDEX "tracking_events_processed_at_id_idx" ON "tracking_events"("processed_at", "id");

-- CreateIndex
CREATE INDEX "customer_merges_survivor_id_idx" ON "customer_merges"("survivor_id");

-- CreateIndex
CREATE INDEX "customer_merges_merged_id_idx" ON "customer_merges"("merged_id");

-- CreateIndex
CREATE INDEX "customer_merges_identifier_type_identifier_source_identifie_idx" ON "customer_merges"("identifier_type", "identifier_source", "identifier_value");

-- CreateIndex
CREATE UNIQUE INDEX "identity_flags_kind_type_source_value_key" ON "identity_flags"("kind", "type", "source", "value");
