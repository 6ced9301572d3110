import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requireRole } from "@/lib/auth/require-role.server";
import { getModelsOverview } from "@/lib/scoring/runs/get-models";
import { listProductCategories } from "@/lib/scoring/runs/propensity-category";
import { getSettings } from "@/lib/settings/get-settings";
import { ModelsView } from "./_components/models-view";

export const metadata: Metadata = { title: "Models" };

export default async function ModelsPage() {
  const user = await requireRole("viewer");
  const [models, settings, categories] = await Promise.all([getModelsOverview(), getSettings(), listProductCategories()]);
  return (
    <>
      <PageHeader
        title="Models"
        description="Predictions of what each customer will do — lifetime value, churn, purchase propensity, next products — each with the evidence that it is any good."
      />
      <ModelsView initial={models} categories={categories} canTrain={hasRole(user.role, "marketer")} timeZone={settings.timeZone} />
    </>
  );
}
