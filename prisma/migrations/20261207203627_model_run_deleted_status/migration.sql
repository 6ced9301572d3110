-- AlterEnum
ALTER TYPE "ModelRunStatus" ADD VALUE 'deleted';
