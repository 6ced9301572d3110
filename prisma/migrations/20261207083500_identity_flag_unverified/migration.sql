-- AlterEnum
ALTER TYPE "IdentityFlagKind" ADD VALUE 'unverified_identify';
ALTER TYPE "IdentityFlagKind" ADD VALUE 'ignored_consent';
