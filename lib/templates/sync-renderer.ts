import { Drop, LiquidError, RenderError, toValueSync, type Context, type Liquid, type Template } from "liquidjs";

interface Emitter {
  buffer: string;
  write(html: unknown): void;
}
type RenderTemplates = (templates: Template[], ctx: Context, emitter?: Emitter) => unknown;
interface Renderer {
  renderTemplates: RenderTemplates;
}

/** liquidjs's SimpleEmitter (not exported): the buffer a render without an emitter writes into. */
class StringEmitter implements Emitter {
  buffer = "";
  write(html: unknown): void {
    this.buffer += stringify(html);
  }
}

/** liquidjs's stringify: a Drop by its value, nil as "", arrays joined. */
function stringify(value: unknown): string {
  const v = value instanceof Drop && typeof value.valueOf === "function" ? (value.valueOf() as unknown) : value;
  if (typeof v === "string") return v;
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return v.map(stringify).join("");
  return String(v);
}

/**
 * A synchronous `renderTemplates` for an engine whose renders are all `renderSync` (Tailor's: every
 * filter is sync). liquidjs renders every node of a template through a generator, HTML text
 * included, and reads the clock before each node (its render time limit); for a 45 KB email that is
 * most of the cost. This renders the same nodes in the same order with the same emitter writes:
 * plain text is written directly, other nodes run their own render (generators driven by liquidjs's
 * `toValueSync`), errors are wrapped exactly as liquidjs wraps them (RenderError with the node's
 * line), and the render limit is checked on entry and after every tag (a loop's body is a nested
 * renderTemplates, so a loop that runs too long stops within one iteration). Async renders
 * (`engine.render`), `keepOutputType` and `catchAllErrors` keep liquidjs's own code.
 */
export function installSyncRenderer(engine: Liquid): void {
  const renderer = (engine as unknown as { renderer: Renderer }).renderer;
  const original = renderer.renderTemplates.bind(renderer);
  const htmlNode = engine.parse("x")[0]!.constructor;
  renderer.renderTemplates = function renderTemplates(templates, ctx, emitter) {
    const opts = ctx.opts as { keepOutputType?: boolean; catchAllErrors?: boolean };
    if (!ctx.sync || opts.keepOutputType || opts.catchAllErrors) return original(templates, ctx, emitter);
    const out = emitter ?? new StringEmitter();
    const limit = (ctx as unknown as { renderLimit: { check(now: number): void } }).renderLimit;
    limit.check(performance.now());
    for (const tpl of templates) {
      if (tpl.constructor === htmlNode) {
        out.write((tpl as unknown as { str: string }).str);
        continue;
      }
      try {
        const html = toValueSync(tpl.render(ctx, out as never)) as unknown;
        if (html) out.write(html);
        if (ctx.breakCalled || ctx.continueCalled) break;
      } catch (e) {
        throw LiquidError.is(e) ? e : new RenderError(e as Error, tpl);
      }
      limit.check(performance.now());
    }
    return out.buffer;
  };
}
