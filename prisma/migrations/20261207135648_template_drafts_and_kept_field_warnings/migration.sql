-- AlterTable
ALTER TABLE "email_template_versions" ADD COLUMN     "draft" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "import_rejections" ADD COLUMN     "kept" BOOLEAN NOT NULL DEFAULT false;
