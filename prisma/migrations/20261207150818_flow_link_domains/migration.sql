-- AlterTable
ALTER TABLE "settings" ADD COLUMN     "flow_link_domains" TEXT[] DEFAULT ARRAY[]::TEXT[];
