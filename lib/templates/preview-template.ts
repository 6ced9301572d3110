import { getSettings } from "../settings/get-settings";
import { compileTemplateCached } from "./compile-cached";
import { liquidEngine } from "./liquid-engine";
import { listVariables } from "./list-variables";
import { loadCartEvent } from "./load-cart-event";
import { loadContexts } from "./load-contexts";
import { RenderFailure, renderEmail } from "./render-email";
import { resolveCustomerId } from "./resolve-customer";
import { draftSchema } from "./schemas";
import { toTemplateSettings } from "./template-settings";
import { traceBranches } from "./trace-branches";
import type { TemplateDraft, TemplatePreview } from "./types";

/**
 * The draft as one customer will receive it, with the diagnostics, the customer's variables and
 * the conditional branches that fired. A template with errors (or a render error for this
 * customer) comes back with empty html and the errors in diagnostics.
 */
export async function previewTemplate(draft: TemplateDraft, customerId: string | number): Promise<TemplatePreview> {
  const parsed = draftSchema.parse(draft);
  const [settings, id] = await Promise.all([getSettings(), resolveCustomerId(customerId)]);
  const [compiled, [recipient], event] = await Promise.all([
    compileTemplateCached(parsed, toTemplateSettings(settings)),
    loadContexts({ customerIds: [id], settings }),
    loadCartEvent({ customerId: id }),
  ]);
  // A flow fills `event` with the event that started it; the preview shows the customer's latest cart.
  const context = { ...recipient!.context, ...(event ? { event } : {}) } as unknown as Record<string, unknown>;
  const engine = liquidEngine(compiled.settings, "text");
  const branches = [
    ...traceBranches(engine, parsed.subject, "subject", context),
    ...traceBranches(engine, parsed.preheader, "preheader", context),
    ...traceBranches(engine, parsed.mjml, "body", context),
  ];
  const base = { diagnostics: compiled.diagnostics, variables: listVariables(context), branches, compileMode: compiled.mode };
  if (!compiled.ok) return { subject: "", preheader: "", html: "", text: "", ...base };
  try {
    return { ...(await renderEmail(compiled, context)), ...base };
  } catch (e) {
    if (!(e instanceof RenderFailure)) throw e;
    const message = e.message.replace(/^\w+, line \d+: /, "");
    return {
      subject: "",
      preheader: "",
      html: "",
      text: "",
      ...base,
      diagnostics: [...compiled.diagnostics, { severity: "error", source: "liquid", field: e.field, line: e.line, message }],
    };
  }
}
