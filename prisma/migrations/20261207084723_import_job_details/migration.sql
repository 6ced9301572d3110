-- AlterTable
ALTER TABLE "import_jobs" ADD COLUMN     "details" JSONB NOT NULL DEFAULT '{}';
