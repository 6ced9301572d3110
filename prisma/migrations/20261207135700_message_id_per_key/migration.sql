-- A messageId is unique per API key, not across the installation: a messageId of one site no longer
-- collides with (and silently drops) a call of another key. Events from tracking calls carry the key
-- of their call, so an event and its call are matched by (api_key_id, message_id). Events from imports
-- and from Tailor itself keep an empty api_key_id (import message ids are already namespaced by source).

-- AlterTable
ALTER TABLE "events" ADD COLUMN     "api_key_id" TEXT NOT NULL DEFAULT '';

-- Events written from tracking calls so far: the key of their call (message ids were unique until now).
UPDATE "events" e SET "api_key_id" = t."api_key_id"
FROM "tracking_events" t
WHERE t."message_id" = e."message_id" AND e."source" LIKE 'tracking:%';

-- DropIndex
DROP INDEX "events_message_id_key";

-- DropIndex
DROP INDEX "tracking_events_message_id_key";

-- CreateIndex
CREATE UNIQUE INDEX "events_api_key_id_message_id_key" ON "events"("api_key_id", "message_id");

-- CreateIndex
CREATE UNIQUE INDEX "tracking_events_api_key_id_message_id_key" ON "tracking_events"("api_key_id", "message_id");
