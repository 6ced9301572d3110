"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { isActiveJob } from "@/lib/jobs/job-progress";
import { postJson } from "@/lib/query/clusters";
import { fetchJson } from "@/lib/query/fetch-json";
import { modelKeys, modelQueries } from "@/lib/query/models";
import type { ModelOverview, ProductCategory } from "@/lib/scoring/runs/model-views";
import { modelKinds } from "@/lib/scoring/schemas";
import { ModelCard } from "./model-card";
import { PropensityCategory, PropensityCategorySelect, PropensityModels } from "./propensity-category";

/**
 * Every model, live while one trains; "Train now" queues a run of each model not training already
 * (purchase propensity: of each category it has a model for). Before the first training, the empty
 * state lets the marketer pick what propensity predicts.
 */
export function ModelsView({
  initial,
  categories,
  canTrain,
  timeZone,
}: {
  initial: ModelOverview[];
  categories: ProductCategory[];
  canTrain: boolean;
  timeZone: string;
}) {
  const queryClient = useQueryClient();
  const { data: models } = useQuery({ ...modelQueries.overview(), initialData: initial });
  const [firstCategory, setFirstCategory] = useState("");
  const anyRun = models.some((m) => m.latest);
  const train = useMutation({
    // The first training takes the category picked in the empty state; later ones retrain each category's model.
    mutationFn: () =>
      fetchJson<{ started: { id: string }[] }>(
        "/api/v1/models/runs",
        postJson({ kinds: modelKinds, ...(anyRun ? {} : { category: firstCategory || null }) }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: modelKeys.all }),
  });
  const training = models.some((m) => m.latest && isActiveJob(m.latest));
  const trainButton = canTrain ? (
    <Button onClick={() => train.mutate()} disabled={train.isPending || training}>
      {train.isPending ? "Queuing…" : training ? "Training…" : "Train now"}
    </Button>
  ) : null;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="max-w-3xl text-sm text-slate-600">
          Models train every night from the orders, events and products Tailor holds. Customers who denied personalization are neither
          scored nor used for training. Scores feed segment conditions, template variables and each customer&apos;s profile.
        </p>
        {anyRun ? trainButton : null}
      </div>
      {train.error ? (
        <Alert tone="error" title="Training did not start">
          {train.error.message}
        </Alert>
      ) : null}
      {!anyRun ? (
        <Card>
          <EmptyState title="No model has been trained yet">
            <p>
              Training needs purchases: import orders (and a product catalogue for recommendations with names, links and images), then train
              the models. Each takes seconds to minutes depending on the number of customers.
            </p>
            {canTrain && categories.length > 0 ? (
              <div className="mx-auto my-3 max-w-sm text-left" data-testid="first-propensity-category">
                <PropensityCategorySelect
                  categories={categories}
                  value={firstCategory}
                  onChange={setFirstCategory}
                  hint="What purchase propensity predicts. Other categories can be added later on its card; each keeps its own scores."
                />
              </div>
            ) : null}
            {canTrain ? trainButton : <p>Ask a marketer or admin to train them, or wait for the nightly run.</p>}
          </EmptyState>
        </Card>
      ) : (
        models.map((m) => (
          <ModelCard key={m.kind} model={m} canTrain={canTrain} timeZone={timeZone}>
            {m.kind === "propensity" ? (
              <>
                <PropensityModels models={m.propensities ?? []} timeZone={timeZone} canDelete={canTrain} />
                <PropensityCategory
                  categories={categories}
                  current={typeof m.latest?.window.category === "string" ? m.latest.window.category : null}
                  trained={(m.propensities ?? []).map((p) => p.category)}
                  canTrain={canTrain}
                  training={m.latest !== null && isActiveJob(m.latest)}
                />
              </>
            ) : null}
          </ModelCard>
        ))
      )}
    </div>
  );
}
