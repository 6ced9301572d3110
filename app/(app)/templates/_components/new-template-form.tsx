"use client";

import { useState } from "react";
import { createTemplateFormSchema } from "@/app/api/v1/templates/schemas";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field, Input } from "@/components/ui/field";
import { createTemplateAction } from "../new/actions";

export interface GalleryChoice {
  key: string;
  name: string;
  description: string;
}

/** Name the template and pick where it starts: a gallery entry or a blank page. */
export function NewTemplateForm({ gallery, initialKey }: { gallery: GalleryChoice[]; initialKey: string }) {
  const [choice, setChoice] = useState(initialKey);
  const [name, setName] = useState(gallery.find((g) => g.key === initialKey)?.name ?? "");
  const form = useActionForm({ schema: createTemplateFormSchema, action: createTemplateAction });
  const choices: GalleryChoice[] = [
    ...gallery,
    { key: "", name: "Blank", description: "A minimal MJML page with the required footer, to write your own." },
  ];

  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-5">
      <FormStatus form={form} />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Start from</legend>
        <div className="mt-2 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {choices.map((g) => (
            <label
              key={g.key || "blank"}
              className={cn(
                "flex cursor-pointer flex-col rounded-lg border bg-white p-4 shadow-sm transition hover:border-indigo-300",
                choice === g.key ? "border-indigo-600 ring-2 ring-indigo-600" : "border-slate-200",
              )}
            >
              <span className="flex items-center gap-2">
                <input
                  type="radio"
                  name="fromGallery"
                  value={g.key}
                  checked={choice === g.key}
                  onChange={() => {
                    const previous = choices.find((c) => c.key === choice);
                    if (!name || name === previous?.name) setName(g.key ? g.name : "");
                    setChoice(g.key);
                  }}
                  className="accent-indigo-600"
                />
                <span className="font-semibold text-slate-900">{g.name}</span>
              </span>
              <span className="mt-1 text-sm text-slate-600">{g.description}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="max-w-md">
        <Field label="Name" name="name" error={form.fieldErrors.name} hint="For you and your team; customers never see it.">
          <Input
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            invalid={!!form.fieldErrors.name}
            placeholder="e.g. Spring newsletter"
          />
        </Field>
      </div>
      <Button type="submit" disabled={form.pending}>
        {form.pending ? "Creating…" : "Create and open the editor"}
      </Button>
    </form>
  );
}
