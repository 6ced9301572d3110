"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { postJson } from "@/lib/query/clusters";
import { fetchJson } from "@/lib/query/fetch-json";
import { modelKeys } from "@/lib/query/models";
import { formatDateTime } from "@/components/format";
import { DataTable } from "@/components/ui/data-table";
import { formatHeadline, type ProductCategory, type PropensityModelSummary } from "@/lib/scoring/runs/model-views";

const ANY = "";

/** What purchase propensity predicts, in words: "a purchase in Home within 90 days". */
export function describePropensityTarget(window: Record<string, unknown> | undefined): string {
  const category = typeof window?.category === "string" ? window.category : null;
  const days = typeof window?.horizonDays === "number" ? window.horizonDays : 90;
  return `${category ? `a purchase in the category “${category}”` : "a purchase of any product"} within ${days} days`;
}

/** The select of what propensity predicts: "Any product", then the catalogue's categories. */
export function PropensityCategorySelect({
  categories,
  value,
  onChange,
  disabled,
  hint,
}: {
  categories: ProductCategory[];
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  hint: string;
}) {
  return (
    <Field label="Predict purchases in" name="propensity-category" hint={hint}>
      <Select name="propensity-category" value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled}>
        <option value={ANY}>Any product</option>
        {categories.map((c) => (
          <option key={c.category} value={c.category}>
            {c.category} ({c.products.toLocaleString("en")} products)
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** Purchase propensity's current model of each category: what it predicts, its validation, the customers it scored. */
export function PropensityModels({
  models,
  timeZone,
  canDelete,
}: {
  models: PropensityModelSummary[];
  timeZone: string;
  canDelete: boolean;
}) {
  if (models.length === 0) return null;
  return (
    <div data-testid="propensity-models">
      <p className="mb-1 text-sm font-medium text-slate-700">Current propensity models ({models.length})</p>
      <DataTable
        columns={[
          "Predicts",
          "Version",
          "Trained",
          "Validation",
          { label: "Customers scored", align: "right" },
          ...(canDelete ? [{ label: "", align: "right" as const }] : []),
        ]}
      >
        {models.map((m) => (
          <tr key={m.category ?? ANY} data-testid="propensity-model-row">
            <td className="px-5 py-2">{describePropensityTarget({ category: m.category ?? undefined, horizonDays: m.horizonDays })}</td>
            <td className="px-5 py-2 tabular-nums">v{m.version}</td>
            <td className="px-5 py-2">{formatDateTime(m.trainedAt, timeZone)}</td>
            <td className="px-5 py-2 tabular-nums">{formatHeadline(m.headline)}</td>
            <td className="px-5 py-2 text-right tabular-nums">{m.customers.toLocaleString("en")}</td>
            {canDelete ? (
              <td className="px-5 py-2 text-right">
                <DeletePropensityModel model={m} />
              </td>
            ) : null}
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

/**
 * Deleting a category's model, after a confirmation that says what it does: its scores go and it is
 * no longer retrained; while segments use it, the confirmation names them and deletion is refused
 * (decision 142).
 */
function DeletePropensityModel({ model }: { model: PropensityModelSummary }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () =>
      fetchJson<{ deletedRuns: number }>("/api/v1/models/propensity", {
        method: "DELETE",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ category: model.category }),
      }),
    onSuccess: () => setConfirming(false),
    onSettled: () => queryClient.invalidateQueries({ queryKey: modelKeys.all }),
  });
  if (!confirming)
    return (
      <Button variant="secondary" onClick={() => setConfirming(true)}>
        Delete…
      </Button>
    );
  const target = describePropensityTarget({ category: model.category ?? undefined, horizonDays: model.horizonDays });
  const used = model.segments.length;
  return (
    <div className="max-w-md space-y-2 text-left text-sm" data-testid="propensity-delete-confirm">
      {used > 0 ? (
        <p>
          {used === 1 ? "1 segment uses" : `${used.toLocaleString("en")} segments use`} this model (
          {model.segments.map((n) => `“${n}”`).join(", ")}): remove those conditions first. Deleting it would leave them matching no one.
        </p>
      ) : (
        <p>
          Deletes the model of {target} and its scores for {model.customers.toLocaleString("en")} customers. No segment uses it;
          &ldquo;Train now&rdquo; and the nightly run stop retraining it. Its runs stay in the history, marked deleted.
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={() => setConfirming(false)}>
          Keep it
        </Button>
        {used === 0 ? (
          <Button variant="danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
            {remove.isPending ? "Deleting…" : "Delete the model"}
          </Button>
        ) : null}
      </div>
      {remove.error ? (
        <Alert tone="error" title="The model was not deleted">
          {remove.error.message}
        </Alert>
      ) : null}
    </div>
  );
}

/**
 * Purchase propensity's category: the categories of the product catalogue, "Any product" first.
 * Each category keeps its own current model and scores (decision 141): training for one adds or
 * refreshes that category's scores and leaves the others' alone — the text under the button says which.
 */
export function PropensityCategory({
  categories,
  current,
  trained,
  canTrain,
  training,
}: {
  categories: ProductCategory[];
  /** The category of the newest run (null: any product). */
  current: string | null;
  /** The categories with a current model (null: any product). */
  trained: (string | null)[];
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
  const isNew = !trained.includes(picked || null);
  return (
    <div className="space-y-2" data-testid="propensity-category">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-64">
          <PropensityCategorySelect
            categories={categories}
            value={picked}
            onChange={setPicked}
            disabled={!canTrain}
            hint={`${categories.length} categories from the product catalogue. Each category keeps its own model and scores; a segment condition picks the category.`}
          />
        </div>
        {canTrain ? (
          <Button
            variant={isNew ? undefined : "secondary"}
            onClick={() => train.mutate(picked || null)}
            disabled={train.isPending || training}
          >
            {train.isPending ? "Queuing…" : training ? "Training…" : picked ? `Train for “${picked}”` : "Train for any product"}
          </Button>
        ) : null}
      </div>
      {canTrain ? (
        <p className="text-sm text-slate-600" data-testid="propensity-train-effect">
          {isNew
            ? `Adds a model of ${describePropensityTarget({ category: picked || undefined })}: customers get its score beside the other categories' scores, which stay as they are.`
            : `Retrains the model of ${describePropensityTarget({ category: picked || undefined })}: its scores are replaced and segments on it follow; other categories keep theirs.`}
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
