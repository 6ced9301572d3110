import { Liquid } from "liquidjs";
import { formatDate, money, titleCase, type FilterSettings } from "./filters";

/** Limits that stop a template looping forever or rendering megabytes (liquidjs DoS options). */
export const renderLimits = {
  /** Characters of template source parsed at once. */
  parseLimit: 1_000_000,
  /** Milliseconds one render may take. */
  renderLimit: 2_000,
  /** Objects and characters one render may create (strings count by length). */
  memoryLimit: 20_000_000,
} as const;

export type LiquidMode = "html" | "text";

const engines = new Map<string, Liquid>();

/**
 * The Liquid engine for the installation's currency and time zone. "html" escapes every output
 * (`| raw` opts out); "text" (subject, preheader, plain text) does not. No template can read files
 * (no include/render/layout sources), reach prototype properties, or use an undefined variable.
 */
export function liquidEngine(settings: FilterSettings, mode: LiquidMode = "html"): Liquid {
  const key = `${settings.currency}|${settings.timeZone}|${mode}`;
  let engine = engines.get(key);
  if (!engine) {
    engine = createEngine(settings, mode);
    engines.set(key, engine);
  }
  return engine;
}

function createEngine(settings: FilterSettings, mode: LiquidMode): Liquid {
  const engine = new Liquid({
    templates: {},
    strictVariables: true,
    strictFilters: true,
    lenientIf: true,
    ownPropertyOnly: true,
    outputEscape: mode === "html" ? "escape" : undefined,
    timezoneOffset: settings.timeZone,
    cache: false,
    ...renderLimits,
  });
  engine.registerFilter("money", (value: unknown, currency?: unknown) => money(settings, value, currency));
  engine.registerFilter("format_date", (value: unknown, style?: unknown) => formatDate(settings, value, style));
  engine.registerFilter("title_case", (value: unknown) => titleCase(value));
  if (mode === "text") engine.registerFilter("raw", (value: unknown) => value);
  return engine;
}
