"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { postJson } from "@/lib/query/clusters";
import { fetchJson } from "@/lib/query/fetch-json";
import { modelKeys } from "@/lib/query/models";
import type { ProductCategory } from "@/lib/scoring/runs/model-views";

const ANY = "";

/** What purchase propensity predicts, in words: "a purchase in Home within 90 days". */
export function describePropensityTarget(window: Record<string, unknown> | undefined): string {
  const category = typeof window?.category === "string" ? window.category : null;
  const days = typeof window?.horizonDays === "number" ? window.horizonDays : 90;
  return `${category ? `a purchase in the category “${category}”` : "a purchase of any product"} within ${days} days`;
}

/**
 * Purchase propensity's category: the categories of the product catalogue, "Any product" first; training
 * for another one replaces the propensity scores (segments on propensity follow) — the button says so.
 */
export function PropensityCategory({
  categories,
  current,
  canTrain,
  training,
}: {
  categories: ProductCategory[];
  /** The category of the newest run (null: any product). */
  current: string | null;
  canTrain: boolean;
  training: boolean;
}) {
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<string>(current ?? ANY);
  const train = useMutation({
    mutationFn: (category: string | null) =>
      fetchJson<{ started: { id: string }[] }>("/api/v1/models/runs", postJson({ kinds: ["propensity"], category })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: modelKeys.all }),
  });
  if (categories.length === 0)
    return (
      <p className="text-sm text-slate-600" data-testid="propensity-category">
        Propensity predicts a purchase of any product. To predict purchases in one category, import a product catalogue with a category
        column (Imports → Product catalogue), then pick the category here.
      </p>
    );
  const changed = (picked || null) !== current;
  return (
    <div className="space-y-2" data-testid="propensity-category">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-64">
          <Field
            label="Predict purchases in"
            name="propensity-category"
            hint={`${categories.length} categories from the product catalogue. Scores and segments on propensity follow the category trained last.`}
          >
            <Select name="propensity-category" value={picked} onChange={(e) => setPicked(e.target.value)} disabled={!canTrain}>
              <option value={ANY}>Any product</option>
              {categories.map((c) => (
                <option key={c.category} value={c.category}>
                  {c.category} ({c.products.toLocaleString("en")} products)
                </option>
              ))}
            </Select>
          </Field>
        </div>
        {canTrain ? (
          <Button
            variant={changed ? undefined : "secondary"}
            onClick={() => train.mutate(picked || null)}
            disabled={train.isPending || training}
          >
            {train.isPending ? "Queuing…" : training ? "Training…" : picked ? `Train for “${picked}”` : "Train for any product"}
          </Button>
        ) : null}
      </div>
      {changed && canTrain ? (
        <p className="text-sm text-amber-800">
          Training replaces every customer&apos;s propensity with {describePropensityTarget({ category: picked || undefined })}; segments
          using propensity change their members accordingly.
        </p>
      ) : null}
      {train.error ? (
        <Alert tone="error" title="Training did not start">
          {train.error.message}
        </Alert>
      ) : null}
    </div>
  );
}
