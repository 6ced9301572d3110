import { Drop, Output, TokenKind, toValueSync, Value, type Template } from "liquidjs";

/**
 * A faster `{{ … }}` for the hot path of batch rendering. liquidjs evaluates every output tag
 * through a chain of generators (~5 µs a tag); most tags are a variable path and a few filters
 * with literal or variable arguments, which this turns into a plain function once per parsed
 * template. Semantics stay liquidjs's own: the same scope lookup (Context.findScope and
 * readProperty, so ownPropertyOnly, size/first/last hold), the same filter handlers called the
 * same way (memory limits count), the escape filter liquidjs appended. Anything else, and any
 * miss or error on the fast path, runs liquidjs's original code, so errors read exactly the same.
 * Tested: identical output over the gallery and a corpus of customers (fast-outputs.test.ts).
 */
export function accelerateOutputs(templates: Template[]): Template[] {
  forEachNode(templates, (node) => {
    if (node instanceof Output) {
      accelerate(node);
      return;
    }
    // Conditions of if/elsif/unless (a Value in each branch).
    const branches = (node as { branches?: unknown }).branches;
    if (Array.isArray(branches)) {
      for (const b of branches)
        if (b && typeof b === "object" && (b as { value?: unknown }).value instanceof Value)
          accelerateCondition((b as { value: Value }).value);
    }
  });
  return templates;
}

interface Ctx {
  findScope(key: string): unknown;
  readProperty(obj: unknown, key: unknown): unknown;
  strictVariables: boolean;
  opts: { lenientIf: boolean };
}
interface Emitter {
  write(html: unknown): void;
}
type Token = { kind: number; content?: unknown; props?: Token[]; variable?: unknown };
interface FilterLike {
  name: string;
  handler: (...args: unknown[]) => unknown;
  args: (Token | [string, Token])[];
  token: unknown;
  liquid: unknown;
}
interface ValueLike {
  initial: { postfix: Token[] };
  filters: FilterLike[];
}
type Getter = (ctx: Ctx) => unknown;

/** Thrown on the fast path to hand over to liquidjs (undefined variable, unusual value). */
const fallBack = Symbol("fall back");

/** Calls `fn` on every node of parsed templates, those inside tags (branches, loop bodies) included. */
export function forEachNode(templates: Template[], fn: (node: object) => void): void {
  const seen = new Set<object>();
  for (const t of templates)
    visit(t, (node) => {
      if (seen.has(node)) return false;
      seen.add(node);
      fn(node);
      return true;
    });
}

function visit(node: unknown, fn: (node: object) => boolean): void {
  if (!node || typeof node !== "object") return;
  if (!fn(node)) return;
  if (node instanceof Output) return;
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const item of value) {
        if (item && typeof item === "object" && ("render" in item || "templates" in item)) visit(item, fn);
      }
    } else if (value && typeof value === "object" && "templates" in value) {
      visit(value, fn);
    }
  }
  const templates = (node as { templates?: unknown }).templates;
  if (Array.isArray(templates)) for (const t of templates) visit(t, fn);
}

function accelerate(output: Output): void {
  const value = (output as unknown as { value: ValueLike }).value;
  const initial = value.initial.postfix.length === 1 ? getter(value.initial.postfix[0]!) : null;
  if (!initial) return;
  const filters: ((ctx: Ctx, val: unknown) => unknown)[] = [];
  for (const filter of value.filters) {
    if (filter.handler.constructor.name !== "Function") return; // generator or async filters: liquidjs' way
    const args: Getter[] = [];
    for (const arg of filter.args) {
      if (Array.isArray(arg)) {
        const g = getter(arg[1]);
        if (!g) return;
        const key = arg[0];
        args.push((ctx) => [key, g(ctx)]);
      } else {
        const g = getter(arg);
        if (!g) return;
        args.push(g);
      }
    }
    filters.push(callFilter(filter, args));
  }
  const lenientDefault = value.filters[0]?.name === "default";
  const original = output.render.bind(output);
  const fast = (ctx: Ctx): unknown => {
    let val: unknown;
    try {
      val = initial(ctx);
    } catch (e) {
      if (e !== fallBack || !(lenientDefault && ctx.opts.lenientIf)) throw e;
      val = null;
    }
    for (const filter of filters) {
      val = filter(ctx, val);
      if (
        val &&
        typeof val === "object" &&
        (typeof (val as { next?: unknown }).next === "function" || typeof (val as { then?: unknown }).then === "function")
      )
        throw fallBack;
    }
    return val instanceof Drop ? val.valueOf() : val;
  };
  (output as unknown as { render: unknown }).render = function render(ctx: Ctx, emitter: Emitter) {
    let val: unknown;
    try {
      val = fast(ctx);
    } catch (e) {
      if (e !== fallBack) throw e;
      return original(ctx as never, emitter as never);
    }
    emitter.write(val);
    return undefined;
  };
}

const binaryOperators = new Set(["==", "!=", ">", "<", ">=", "<=", "contains", "and", "or"]);
type Operator = (...args: unknown[]) => unknown;

/**
 * A faster condition (`{% if a.b == "x" and c.size > 0 %}`): variable paths and literals read with
 * the same lookup as output tags, liquidjs's own operators (ctx.opts.operators) applied in the same
 * postfix order (both sides evaluated, as liquidjs does). An undefined variable reads as nil when
 * liquidjs would be lenient (lenientIf) and otherwise hands over to liquidjs, as does any other
 * token (ranges, filters, `empty`/`nil` literals, grouped expressions).
 */
function accelerateCondition(value: Value): void {
  const v = value as unknown as { filters: unknown[]; initial: { postfix: (Token & { operator?: string })[] }; value: unknown };
  if (v.filters.length > 0) return;
  const steps: ({ op: string; unary: boolean } | { get: Getter })[] = [];
  for (const token of v.initial.postfix) {
    if (token.kind === TokenKind.Operator) {
      const op = token.operator!;
      if (op !== "not" && !binaryOperators.has(op)) return;
      steps.push({ op, unary: op === "not" });
    } else {
      const get = getter(token);
      if (!get) return;
      steps.push({ get });
    }
  }
  const original = (v.value as (ctx: unknown, lenient: boolean) => unknown).bind(value);
  v.value = function fastValue(ctx: Ctx & { opts: { operators: Record<string, Operator> } }, lenient: boolean): unknown {
    const operands: unknown[] = [];
    for (const step of steps) {
      if ("get" in step) {
        let val: unknown;
        try {
          val = step.get(ctx);
        } catch (e) {
          if (e !== fallBack) throw e;
          if (!lenient) return original(ctx, lenient);
          val = null;
        }
        operands.push(val);
      } else {
        const r = operands.pop();
        const operator = ctx.opts.operators[step.op]!;
        operands.push(step.unary ? toValueSync(operator(r, ctx)) : toValueSync(operator(operands.pop(), r, ctx)));
      }
    }
    return operands[0];
  };
}

/**
 * A filter call as liquidjs makes it (`handler.apply({ context, token, liquid }, [value, ...args])`),
 * without building an argument array per call for the usual zero to two arguments.
 */
function callFilter(filter: FilterLike, args: Getter[]): (ctx: Ctx, val: unknown) => unknown {
  const handler = filter.handler;
  const self = { context: undefined as Ctx | undefined, token: filter.token, liquid: filter.liquid };
  const [a, b] = args;
  if (args.length === 0) {
    return (ctx, val) => {
      self.context = ctx;
      return handler.call(self, val);
    };
  }
  if (args.length === 1) {
    return (ctx, val) => {
      self.context = ctx;
      return handler.call(self, val, a!(ctx));
    };
  }
  if (args.length === 2) {
    return (ctx, val) => {
      self.context = ctx;
      return handler.call(self, val, a!(ctx), b!(ctx));
    };
  }
  return (ctx, val) => handler.apply({ context: ctx, token: filter.token, liquid: filter.liquid }, [val, ...args.map((g) => g(ctx))]);
}

/** A function reading a literal, or a variable path whose segments are all literal; null otherwise. */
function getter(token: Token): Getter | null {
  const kind = token.kind;
  if (kind === TokenKind.Number || kind === TokenKind.Quoted) {
    const content = token.content;
    return () => content;
  }
  if (kind !== TokenKind.PropertyAccess || token.variable || !token.props?.length) return null;
  const path: unknown[] = [];
  for (const prop of token.props) {
    if (prop.kind !== TokenKind.Word && prop.kind !== TokenKind.Quoted && prop.kind !== TokenKind.Number) return null;
    path.push(prop.content);
  }
  const first = path[0];
  if (typeof first !== "string") return null;
  return (ctx) => {
    let scope: unknown = ctx.findScope(first);
    for (const key of path) {
      scope = ctx.readProperty(scope, key);
      if (scope === undefined && ctx.strictVariables) throw fallBack;
    }
    return scope;
  };
}
