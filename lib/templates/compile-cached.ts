import { createHash } from "node:crypto";
import { compileTemplate, type CompiledTemplate, type TemplateSettings } from "./compile-template";
import type { TemplateDraft } from "./types";

const capacity = 32;
const cache = new Map<string, Promise<CompiledTemplate>>();

/**
 * compileTemplate with a small per-process cache keyed by the draft and settings: previewing the
 * same draft as one customer after another (or validating then previewing it) compiles MJML once.
 */
export function compileTemplateCached(draft: TemplateDraft, settings: TemplateSettings): Promise<CompiledTemplate> {
  const key = createHash("sha256")
    .update(JSON.stringify([settings, draft.subject, draft.preheader, draft.mjml]))
    .digest("base64url");
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const compiled = compileTemplate(draft, settings);
  cache.set(key, compiled);
  compiled.catch(() => cache.delete(key));
  if (cache.size > capacity) cache.delete(cache.keys().next().value!);
  return compiled;
}
