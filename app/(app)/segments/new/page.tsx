import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/require-role.server";
import { firstValues, type RawSearchParams } from "@/lib/http/search-params";
import type { SegmentRules } from "@/lib/segments/schemas";
import { SegmentBuilder } from "../_components/segment-builder";
import { newCondition } from "../_components/rule-tree";

export const metadata: Metadata = { title: "New segment" };

/** /segments/new, or /segments/new?rfm=Champions from the RFM page. */
export default async function NewSegmentPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireRole("marketer");
  const { rfm } = firstValues(await searchParams);
  const rules: SegmentRules = rfm
    ? { type: "group", op: "and", children: [{ type: "condition", kind: "rfm", field: "segment", op: "eq", value: String(rfm) }] }
    : { type: "group", op: "and", children: [newCondition("event")] };
  return (
    <>
      <Link href="/segments" className="text-sm font-medium text-indigo-600 hover:underline">
        ← Segments
      </Link>
      <PageHeader title="New segment" description="Build the audience with conditions; the count and a sample update as you go." />
      <SegmentBuilder initialName={rfm ? `RFM: ${String(rfm)}` : ""} initialDescription="" initialRules={rules} canEdit />
    </>
  );
}
