import { safeUrl } from "./cart-event";
import { Liquid } from "liquidjs";
import { clickTokenFilter, openTokenFilter } from "../email-tracking/tracking-filters";
import { formatDate, money, titleCase, type FilterSettings } from "./filters";
import { installSyncRenderer } from "./sync-renderer";

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

/**
 * The same engine with liquidjs's own renderer (every node through a generator), not cached: the
 * reference the sync renderer is tested against.
 */
export function referenceLiquidEngine(settings: FilterSettings, mode: LiquidMode = "html"): Liquid {
  return createEngine(settings, mode, false);
}

function createEngine(settings: FilterSettings, mode: LiquidMode, syncRenderer = true): Liquid {
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
  // Batch sends format the same names, prices and dates over and over (and each twice: HTML and
  // text): the filters are pure, so their results are remembered (bounded) per engine, keyed by the
  // value itself (no key strings to build).
  const moneyOf = remembered<number | string, string>();
  const dateOf = remembered<string, string>();
  const titleOf = remembered<string, string>();
  engine.registerFilter("money", (value: unknown, currency?: unknown) =>
    (typeof value === "number" || typeof value === "string") && (currency === undefined || typeof currency === "string")
      ? moneyOf(currency ?? "", value, () => money(settings, value, currency))
      : money(settings, value, currency),
  );
  engine.registerFilter("format_date", (value: unknown, style?: unknown) =>
    typeof value === "string" && (style === undefined || typeof style === "string")
      ? dateOf(style ?? "", value, () => formatDate(settings, value, style))
      : formatDate(settings, value, style),
  );
  engine.registerFilter("title_case", (value: unknown) =>
    typeof value === "string" ? titleOf("", value, () => titleCase(value)) : titleCase(value),
  );
  // Campaign emails: the signed per-recipient tokens of the open pixel and tracked links (lib/email-tracking).
  engine.registerFilter("open_token", openTokenFilter);
  // Links and images from untrusted data (event properties): only http(s) URLs, else nothing.
  engine.registerFilter("safe_url", (value: unknown) => safeUrl(value) ?? "");
  engine.registerFilter("click_token", clickTokenFilter);
  if (mode === "text") engine.registerFilter("raw", (value: unknown) => value);
  if (syncRenderer) installSyncRenderer(engine);
  return engine;
}

/** A bounded memo of a pure function's results by (argument, value), forgotten all at once when full. */
function remembered<K, T>(max = 20_000): (arg: string, key: K, compute: () => T) => T {
  const byArg = new Map<string, Map<K, T>>();
  let size = 0;
  return (arg, key, compute) => {
    let cache = byArg.get(arg);
    if (!cache) {
      cache = new Map();
      byArg.set(arg, cache);
    }
    let value = cache.get(key);
    if (value === undefined) {
      value = compute();
      if (++size > max) {
        byArg.clear();
        size = 1;
        cache = new Map();
        byArg.set(arg, cache);
      }
      cache.set(key, value);
    }
    return value;
  };
}
