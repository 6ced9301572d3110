// npm run bench:render — personalizes the gallery's newsletter for 100,000 generated customers end to
// end (contexts loaded from Postgres in batches of 1,000, the next ones loading while one renders; subject,
// preheader, HTML, plain text and unsubscribe headers produced for each) and prints emails/s, beside
// the naive path (Liquid then MJML per recipient, on a sample) and liquidjs renderSync alone on the
// parsed template with data already in memory; then the p50/p95 of a preview request.
// Options: --customers N (default 100,000), --batch N (default 1,000), --prefetch N (batches loading
// ahead, default 2), --naive N (sample size, default 100), --previews N (default 40), --keep (keep
// the database), --reuse (use the kept one).
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { openBenchDatabase } from "./bench-database";
import { postgresCpu } from "./postgres-cpu";
import { loadDemoShop, pct } from "./bench-support";

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "100000" },
    batch: { type: "string", default: "1000" },
    naive: { type: "string", default: "100" },
    previews: { type: "string", default: "40" },
    prefetch: { type: "string", default: "2" },
    keep: { type: "boolean", default: false },
    reuse: { type: "boolean", default: false },
  },
});
const CUSTOMERS = Number(values.customers);
const BATCH = Number(values.batch);
const PREFETCH = Math.max(1, Number(values.prefetch));
const benchDb = await openBenchDatabase({ name: "tailor_bench_render", reuse: values.reuse });
process.env.TAILOR_SECRET ??= "bench-render-secret-0123456789";

const { applyMigrations } = await import("../../lib/migrations/apply-migrations");
const { db, disconnectDb } = await import("../../lib/db");
const { rebuildCustomerFeatures } = await import("../../lib/features/rebuild-customer-features");
const { getSettings } = await import("../../lib/settings/get-settings");
const { compileTemplate } = await import("../../lib/templates/compile-template");
const { loadGalleryTemplate } = await import("../../lib/templates/gallery");
const { loadContexts } = await import("../../lib/templates/load-contexts");
const { renderCompiledEmail, renderPerRecipient } = await import("../../lib/templates/render-email");
const { liquidEngine, referenceLiquidEngine } = await import("../../lib/templates/liquid-engine");
const { scanLiquidTags } = await import("../../lib/templates/liquid-tags");
const { toTemplateSettings } = await import("../../lib/templates/template-settings");
const { previewTemplate } = await import("../../lib/templates/preview-template");
const { closeQueues } = await import("../../lib/jobs/get-queue");

const line = (s: string) => console.log(s);
const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

await applyMigrations({ log: () => undefined });
if (!values.reuse) {
  const t = performance.now();
  await loadDemoShop(CUSTOMERS, 20);
  line(`Loaded ${fmt(CUSTOMERS)} customers in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  await rebuildCustomerFeatures({});
  // A VIP segment (the best RFM scores) so that the newsletter's VIP block fires for some.
  await db.$executeRawUnsafe(
    `INSERT INTO segments (id, name, rules, build_status) VALUES ('bench-vip', 'VIP', '{}', 'idle') ON CONFLICT DO NOTHING`,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO segment_members (segment_id, customer_id) SELECT 'bench-vip', customer_id FROM customer_features WHERE rfm_segment = 'Champions' ON CONFLICT DO NOTHING`,
  );
  await db.$executeRawUnsafe("ANALYZE");
}
const [{ n: customerCount } = { n: 0 }] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM customers`);

const settings = await getSettings();
const draft = await loadGalleryTemplate("newsletter");
const compiled = await compileTemplate(draft, toTemplateSettings(settings));
const outputTags = scanLiquidTags(draft.mjml).filter((t) => t.kind === "output").length;
line(
  `Template: gallery newsletter, ${fmt(compiled.compiledHtml!.length / 1024)} KB compiled HTML, ${outputTags} output tags, mode ${compiled.mode}`,
);
line(
  `Machine: load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ")} on ${(await import("node:os")).cpus().length} cores`,
);
line("");

// End to end: batches of ids by keyset, the next batches' contexts loading while this one renders.
async function* idBatches(): AsyncGenerator<number[]> {
  let after = 0;
  for (;;) {
    const rows = await db.$queryRaw<{ id: number }[]>`SELECT id FROM customers WHERE id > ${after} ORDER BY id LIMIT ${BATCH}`;
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    yield rows.map((r) => r.id);
  }
}
let emails = 0;
let bytes = 0;
const backends = postgresCpu(async () =>
  (await db.$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`).map((r) => r.pid),
);
await backends.start();
let waited = 0;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const batches = idBatches();
const next = async () => {
  const ids = await batches.next();
  return ids.done ? null : loadContexts({ customerIds: ids.value, settings });
};
// The next PREFETCH batches load (on as many connections) while this one renders.
const queue = Array.from({ length: PREFETCH }, next);
for (;;) {
  const w = performance.now();
  const recipients = await queue.shift()!;
  waited += performance.now() - w;
  if (!recipients) break;
  queue.push(next());
  for (const r of recipients) {
    const email = renderCompiledEmail(compiled, r.context);
    const headers = { ...r.unsubscribe.headers, Subject: email.subject };
    bytes += email.html.length + email.text.length + headers["List-Unsubscribe"].length;
    emails++;
  }
}
const wall = (performance.now() - t0) / 1000;
const cpu = cpuSeconds(cpu0);
const pgCpu = await backends.stop();
line(
  `End to end (compile-once): ${fmt(emails)} emails in ${wall.toFixed(1)} s = ${fmt(emails / wall)} emails/s wall-clock; ${cpu.toFixed(1)} CPU-s in Node = ${fmt(emails / cpu)} emails/s per core (target ≥ 2,000)`,
);
line(
  `  average email: ${fmt(bytes / emails / 1024)} KB (HTML + text); Postgres batches of ${fmt(BATCH)}, ${PREFETCH} loading ahead while one renders`,
);
line(
  `  Postgres loading the contexts: ${pgCpu === null ? "backend CPU not readable (server not local)" : `${pgCpu.toFixed(1)} CPU-s in its backends (${fmt((pgCpu / emails) * 1e6)} µs an email)`}; ` +
    `the render loop waited ${(waited / 1000).toFixed(1)} s for batches` +
    (pgCpu === null ? "" : `; Node + Postgres: ${fmt(emails / (cpu + pgCpu))} emails per CPU-second`),
);

// Reference: liquidjs renderSync alone on the parsed compiled HTML, contexts already in memory:
// liquidjs as shipped, and with Tailor's sync renderer and fast output tags (what the pipeline uses).
const sample = (
  await loadContexts({
    customerIds: (await batches.return(undefined),
    await db.$queryRaw<{ id: number }[]>`SELECT id FROM customers ORDER BY id LIMIT 1000`).map((r) => r.id),
    settings,
  })
).map((r) => r.context);
const shipped = referenceLiquidEngine(compiled.settings, "html");
const engine = liquidEngine(compiled.settings, "html");
for (const [label, liquid, parsed] of [
  ["liquidjs renderSync alone, as shipped", shipped, shipped.parse(compiled.compiledHtml!)],
  ["  with Tailor's sync renderer and fast output tags", engine, compiled.html!],
] as const) {
  const n = Math.min(20_000, Math.max(2_000, emails));
  const c0 = process.cpuUsage();
  const t = performance.now();
  for (let i = 0; i < n; i++) liquid.renderSync(parsed, sample[i % sample.length]!);
  const s = (performance.now() - t) / 1000;
  line(`${label} (HTML only, data in memory): ${fmt(n / s)} renders/s wall-clock, ${fmt(n / cpuSeconds(c0))} per core`);
}

// Naive: Liquid into the MJML, then MJML, then text, per recipient (a sample).
{
  const n = Number(values.naive);
  const c0 = process.cpuUsage();
  const t = performance.now();
  for (let i = 0; i < n; i++) await renderPerRecipient(compiled, sample[i % sample.length]!);
  const s = (performance.now() - t) / 1000;
  line(
    `Naive path (Liquid then MJML per recipient, ${n} emails): ${fmt(n / s)} emails/s wall-clock, ${fmt(n / cpuSeconds(c0))} per core (${((s * 1000) / n).toFixed(1)} ms per email)`,
  );
}

// Preview requests: the same draft as one customer after another (MJML compiled once, cached),
// and after an edit (a changed draft: MJML compiled again).
{
  const ids = (await db.$queryRaw<{ id: number }[]>`SELECT id FROM customers ORDER BY random() LIMIT ${Number(values.previews)}`).map(
    (r) => r.id,
  );
  await previewTemplate(draft, ids[0]!);
  const warm: number[] = [];
  for (const id of ids) {
    const t = performance.now();
    await previewTemplate(draft, id);
    warm.push(performance.now() - t);
  }
  const edited: number[] = [];
  for (const [i, id] of ids.entries()) {
    const t = performance.now();
    await previewTemplate({ ...draft, mjml: draft.mjml.replace("Made to last", `Made to last (${i})`) }, id);
    edited.push(performance.now() - t);
  }
  line(
    `Preview request (${ids.length} customers): next customer p50 ${pct(warm, 50).toFixed(0)} ms, p95 ${pct(warm, 95).toFixed(0)} ms; after an edit p50 ${pct(edited, 50).toFixed(0)} ms, p95 ${pct(edited, 95).toFixed(0)} ms (target p95 < 200 ms)`,
  );
}
line(
  `Load average at the end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ")}; customers in the database: ${fmt(customerCount)}`,
);

await Promise.allSettled([disconnectDb(), closeQueues()]);
if (!values.keep && !values.reuse) await benchDb.drop();
process.exit(0);
