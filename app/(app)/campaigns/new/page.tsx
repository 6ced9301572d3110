import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/require-role.server";
import { CampaignForm } from "../_components/campaign-form";
import { loadFormOptions } from "../_components/load-form-options";

export const metadata: Metadata = { title: "New campaign" };

export default async function NewCampaignPage() {
  await requireRole("marketer");
  return (
    <>
      <PageHeader
        title="New campaign"
        description="Nothing is sent yet: after saving you review who will receive it and how it looks, then confirm."
      />
      <CampaignForm options={await loadFormOptions()} />
    </>
  );
}
