-- CreateTable
CREATE TABLE "api_key_usage" (
    "api_key_id" TEXT NOT NULL,
    "events" BIGINT NOT NULL DEFAULT 0,
    "last_received_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_key_usage_pkey" PRIMARY KEY ("api_key_id")
);

-- Backfill: the calls processed so far (the worker counts the rest as it processes them).
INSERT INTO "api_key_usage" ("api_key_id", "events", "last_received_at")
SELECT "api_key_id", count(*), max("received_at") FROM "tracking_events" WHERE "processed_at" IS NOT NULL GROUP BY "api_key_id";
