-- AlterTable
ALTER TABLE "settings" ADD COLUMN "test_send_addresses" TEXT[] DEFAULT ARRAY[]::TEXT[];
