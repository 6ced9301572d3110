"use client";

import { useRouter } from "next/navigation";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { campaignInputSchema, type CampaignInput } from "@/lib/campaigns/schemas";
import { experimentInputSchema } from "@/lib/experiments/schemas";
import { zodFieldErrors } from "@/lib/http/field-errors";
import { saveCampaignAction } from "../actions";
import { experimentDraft, experimentInput, ExperimentFields, type ExperimentDraft } from "./experiment-fields";

export interface CampaignFormOptions {
  segments: { id: string; name: string; memberCount: number }[];
  templates: { id: string; name: string; subject: string | null }[];
  /** Settings' defaults, shown as placeholders. */
  defaults: { senderName: string; senderEmail: string; replyTo: string; timeZone: string };
}

interface Values {
  name: string;
  includeSegmentIds: string[];
  excludeSegmentIds: string[];
  templateId: string;
  subject: string;
  preheader: string;
  senderName: string;
  senderEmail: string;
  replyTo: string;
  scheduleKind: "now" | "at" | "local_hour";
  scheduledAt: string;
  localHour: string;
  priority: string;
}

type TextValue = { [K in keyof Values]: Values[K] extends string ? (string extends Values[K] ? K : never) : never }[keyof Values];

/** A local "YYYY-MM-DDTHH:mm" for a datetime-local input. */
function toLocalInput(d: Date | null | undefined): string {
  if (!d) return "";
  const x = new Date(d);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${x.getFullYear()}-${pad(x.getMonth() + 1)}-${pad(x.getDate())}T${pad(x.getHours())}:${pad(x.getMinutes())}`;
}

/** The campaign's audience, template, sender, subject and schedule: creates a draft or saves one. */
export function CampaignForm({ options, id, initial }: { options: CampaignFormOptions; id?: string; initial?: CampaignInput }) {
  const router = useRouter();
  const [values, setValues] = useState<Values>({
    name: initial?.name ?? "",
    includeSegmentIds: initial?.includeSegmentIds ?? [],
    excludeSegmentIds: initial?.excludeSegmentIds ?? [],
    templateId: initial?.templateId ?? "",
    subject: initial?.subject ?? "",
    preheader: initial?.preheader ?? "",
    senderName: initial?.senderName ?? "",
    senderEmail: initial?.senderEmail ?? "",
    replyTo: initial?.replyTo ?? "",
    scheduleKind: initial?.scheduleKind ?? "now",
    scheduledAt: toLocalInput(initial?.scheduledAt as Date | null | undefined),
    localHour: initial?.localHour != null ? String(initial.localHour) : "9",
    priority: String(initial?.priority ?? 0),
  });
  const [experiment, setExperiment] = useState<ExperimentDraft>(() => experimentDraft(initial?.experiment));
  const [experimentErrors, setExperimentErrors] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const clearError = (key: string) => setErrors(({ [key]: _fixed, ...rest }) => rest);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    clearError(key);
    setValues((v) => ({ ...v, [key]: value }));
  };
  /** The props of an input or select bound to one of the text values, marked while its error stands. */
  const bound = (key: TextValue) => ({
    name: key,
    value: values[key],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => set(key, e.target.value),
    invalid: !!errors[key],
  });
  const toggle = (key: "includeSegmentIds" | "excludeSegmentIds", segmentId: string) => {
    clearError(key);
    setValues((v) => ({
      ...v,
      [key]: v[key].includes(segmentId) ? v[key].filter((s) => s !== segmentId) : [...v[key], segmentId],
    }));
  };

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const input: CampaignInput = {
      name: values.name,
      includeSegmentIds: values.includeSegmentIds,
      excludeSegmentIds: values.excludeSegmentIds,
      templateId: values.templateId,
      subject: values.subject,
      preheader: values.preheader,
      senderName: values.senderName,
      senderEmail: values.senderEmail,
      replyTo: values.replyTo,
      scheduleKind: values.scheduleKind,
      scheduledAt: values.scheduleKind !== "now" && values.scheduledAt ? new Date(values.scheduledAt).toISOString() : null,
      localHour: values.scheduleKind === "local_hour" ? Number(values.localHour) : null,
      priority: Number(values.priority) || 0,
      experiment: experimentInput(experiment),
    } as CampaignInput;
    const parsed = campaignInputSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      const e = input.experiment ? experimentInputSchema.safeParse(input.experiment) : null;
      setExperimentErrors(e && !e.success ? zodFieldErrors(e.error) : {});
      setError("Some fields need fixing; see the messages below them.");
      return;
    }
    setPending(true);
    setError(null);
    setErrors({});
    setExperimentErrors({});
    const result = await saveCampaignAction({ id: id ?? null, input }).catch(() => null);
    setPending(false);
    if (!result || !result.ok) {
      setError(result?.error ?? "Tailor's server did not answer. Check that it is running, then try again.");
      setErrors(
        result && !result.ok ? Object.fromEntries(Object.entries(result.fieldErrors).map(([k, v]) => [k.replace(/^input\./, ""), v])) : {},
      );
      return;
    }
    router.push(`/campaigns/${result.data.id}`);
    router.refresh();
  }

  const segmentList = (key: "includeSegmentIds" | "excludeSegmentIds", label: string) => (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      <div className="mt-1.5 max-h-56 space-y-1 overflow-y-auto rounded-md p-2 ring-1 ring-slate-200 ring-inset">
        {options.segments.map((s) => (
          <label key={s.id} className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              checked={values[key].includes(s.id)}
              onChange={() => toggle(key, s.id)}
              aria-label={`${label}: ${s.name}`}
            />
            <span className="flex-1">{s.name}</span>
            <span className="text-xs text-slate-500 tabular-nums">{s.memberCount.toLocaleString("en-GB")}</span>
          </label>
        ))}
      </div>
      {errors[key] ? <p className="mt-1.5 text-sm text-rose-600">{errors[key]}</p> : null}
    </fieldset>
  );

  if (options.segments.length === 0 || options.templates.length === 0)
    return (
      <Alert tone="info" title="A campaign needs a segment and a template">
        {options.segments.length === 0 ? <p>Create a segment first (Segments → New segment): it is who the campaign goes to.</p> : null}
        {options.templates.length === 0 ? <p>Create a template first (Templates → New template): it is what the campaign sends.</p> : null}
      </Alert>
    );

  return (
    <form onSubmit={onSubmit} className="space-y-6" noValidate>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Card>
        <CardHeader
          title="Audience"
          description="Members of any chosen segment, minus members of any excluded one. Consent, suppression and the frequency cap are checked on review and again at the moment of sending."
        />
        <CardBody className="space-y-4">
          <Field label="Campaign name" name="name" error={errors.name}>
            <Input {...bound("name")} placeholder="Spring newsletter" />
          </Field>
          <div className="grid gap-4 md:grid-cols-2">
            {segmentList("includeSegmentIds", "Send to")}
            {segmentList("excludeSegmentIds", "Exclude")}
          </div>
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Message"
          description="The template's latest version is pinned when you send. Subject and preheader may use Liquid; leave them empty to use the template's."
        />
        <CardBody className="grid gap-4 md:grid-cols-2">
          <Field label="Template" name="templateId" error={errors.templateId}>
            <Select {...bound("templateId")}>
              <option value="">Pick a template…</option>
              {options.templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label="Subject"
            name="subject"
            error={errors.subject}
            hint={
              options.templates.find((t) => t.id === values.templateId)?.subject
                ? `Template's: ${options.templates.find((t) => t.id === values.templateId)?.subject}`
                : undefined
            }
          >
            <Input {...bound("subject")} placeholder="The template's subject" />
          </Field>
          <Field label="Preheader" name="preheader" error={errors.preheader} hint="The line inbox lists show after the subject.">
            <Input {...bound("preheader")} placeholder="The template's preheader" />
          </Field>
          <Field label="Sender name" name="senderName" error={errors.senderName}>
            <Input {...bound("senderName")} placeholder={options.defaults.senderName || "From Settings"} />
          </Field>
          <Field label="Sender address" name="senderEmail" error={errors.senderEmail}>
            <Input {...bound("senderEmail")} type="email" placeholder={options.defaults.senderEmail || "From Settings"} />
          </Field>
          <Field label="Reply-to" name="replyTo" error={errors.replyTo}>
            <Input {...bound("replyTo")} type="email" placeholder={options.defaults.replyTo || "Replies go to the sender"} />
          </Field>
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Schedule"
          description={`Times are in your browser's time zone; the installation's is ${options.defaults.timeZone}.`}
        />
        <CardBody className="space-y-4">
          <div className="flex flex-wrap gap-4 text-sm text-slate-700">
            {(
              [
                ["now", "Now, when I confirm"],
                ["at", "At a time"],
                ["local_hour", "At a local hour in each recipient's time zone"],
              ] as const
            ).map(([kind, label]) => (
              <label key={kind} className="flex items-center gap-2">
                <input type="radio" name="scheduleKind" checked={values.scheduleKind === kind} onChange={() => set("scheduleKind", kind)} />
                {label}
              </label>
            ))}
          </div>
          {values.scheduleKind !== "now" ? (
            <div className="grid gap-4 md:grid-cols-2">
              {values.scheduleKind === "at" ? (
                <Field label="Send at" name="scheduledAt" error={errors.scheduledAt}>
                  <Input {...bound("scheduledAt")} type="datetime-local" />
                </Field>
              ) : (
                <Field
                  label="On the day"
                  name="scheduledAt"
                  error={errors.scheduledAt}
                  hint="Each recipient gets it at the local hour of this day where they are: the earliest time zones first."
                >
                  {/* Noon of the day picked: the same date in the installation's time zone, whatever the browser's. */}
                  <Input
                    name="scheduledAt"
                    type="date"
                    value={values.scheduledAt.slice(0, 10)}
                    onChange={(e) => set("scheduledAt", e.target.value ? `${e.target.value}T12:00` : "")}
                    invalid={!!errors.scheduledAt}
                  />
                </Field>
              )}
              {values.scheduleKind === "local_hour" ? (
                <Field
                  label="Local hour"
                  name="localHour"
                  error={errors.localHour}
                  hint="From the recipient's tracked time zone or country; the installation's zone otherwise."
                >
                  <Select name="localHour" value={values.localHour} onChange={(e) => set("localHour", e.target.value)}>
                    {Array.from({ length: 24 }, (_, h) => (
                      <option key={h} value={h}>{`${String(h).padStart(2, "0")}:00`}</option>
                    ))}
                  </Select>
                </Field>
              ) : null}
            </div>
          ) : null}
          <Field
            label="Priority"
            name="priority"
            error={errors.priority}
            hint="Where the frequency cap allows only one of two campaigns, the higher priority keeps the person."
          >
            <Input
              name="priority"
              type="number"
              min={-100}
              max={100}
              value={values.priority}
              onChange={(e) => set("priority", e.target.value)}
              className="max-w-32"
            />
          </Field>
        </CardBody>
      </Card>
      <ExperimentFields
        draft={experiment}
        onChange={(d) => {
          setExperiment(d);
          setExperimentErrors({});
          clearError("experiment");
        }}
        errors={{ ...experimentErrors, variants: experimentErrors.variants ?? errors.experiment ?? "" }}
        templates={options.templates}
      />
      <div className="flex justify-end gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save and review"}
        </Button>
      </div>
    </form>
  );
}
