import type { Metadata } from "next";
import { z } from "zod";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/require-role.server";
import { firstValues, type RawSearchParams } from "@/lib/http/search-params";
import type { SegmentRules } from "@/lib/segments/schemas";
import { SegmentBuilder } from "../_components/segment-builder";
import { newCondition } from "../_components/rule-tree";

export const metadata: Metadata = { title: "New segment" };

const score = z.coerce.number().int().min(1).max(5);
const startSchema = z.object({ rfm: z.string().max(100).optional(), r: score.optional(), f: score.optional() });

/**
 * /segments/new; /segments/new?rfm=Champions (a named RFM segment) or ?r=5&f=3 (one cell of the R×F
 * grid: exactly that R and F score) from the RFM page.
 */
export default async function NewSegmentPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireRole("marketer");
  const parsed = startSchema.safeParse(firstValues(await searchParams));
  const { rfm, r, f } = parsed.success ? parsed.data : {};
  const cell = r !== undefined && f !== undefined;
  const rules: SegmentRules = cell
    ? {
        type: "group",
        op: "and",
        children: [
          { type: "condition", kind: "rfm", field: "r", op: "eq", value: r },
          { type: "condition", kind: "rfm", field: "f", op: "eq", value: f },
        ],
      }
    : rfm
      ? { type: "group", op: "and", children: [{ type: "condition", kind: "rfm", field: "segment", op: "eq", value: rfm }] }
      : { type: "group", op: "and", children: [newCondition("event")] };
  const initialName = cell ? `RFM: R${r} F${f}` : rfm ? `RFM: ${rfm}` : "";
  return (
    <>
      <PageHeader
        back={{ href: "/segments", label: "Segments" }}
        title="New segment"
        description="Build the audience with conditions; the count and a sample update as you go."
      />
      <SegmentBuilder initialName={initialName} initialDescription="" initialRules={rules} canEdit />
    </>
  );
}
