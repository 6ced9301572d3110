import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { AppError } from "../../lib/errors";
import { getSettings } from "../../lib/settings/get-settings";
import { compileTemplate } from "../../lib/templates/compile-template";
import { loadContexts } from "../../lib/templates/load-contexts";
import { RenderFailure, renderEmail } from "../../lib/templates/render-email";
import { resolveCustomerId } from "../../lib/templates/resolve-customer";
import { toTemplateSettings } from "../../lib/templates/template-settings";
import type { TemplateDiagnostic } from "../../lib/templates/types";
import { prepareDatabase } from "../prepare-database";
import { UsageError } from "../usage-error";

/**
 * tailor render <template.mjml> --customer <id or email> [--subject "…"] [--preheader "…"] [--text]:
 * the personalized HTML (or plain text) on stdout; the subject, preheader and warnings on stderr.
 * Invalid MJML or Liquid: "<file>:<line>:<column>: <message>" and exit code 1.
 */
export async function renderCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      customer: { type: "string" },
      subject: { type: "string" },
      preheader: { type: "string" },
      text: { type: "boolean", default: false },
    },
  });
  const file = positionals[0];
  if (!file) throw new UsageError("Give the MJML file to render: npm run tailor -- render newsletter.mjml --customer 17850");
  if (!values.customer) throw new UsageError("Say whose email to render: --customer <customer id or email>.");
  const mjml = await readFile(file, "utf8").catch(() => {
    throw new AppError("not_found", `Cannot read ${file}: check the path.`);
  });
  await prepareDatabase();
  const settings = await getSettings();
  const name = path.basename(file);
  const compiled = await compileTemplate(
    { subject: values.subject ?? "(no subject)", preheader: values.preheader ?? "", mjml },
    toTemplateSettings(settings),
  );
  for (const d of compiled.diagnostics.filter((d) => d.severity === "warning")) console.error(`${where(name, d)}: warning: ${d.message}`);
  const errors = compiled.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    for (const d of errors) console.error(`${where(name, d)}: ${d.message}`);
    return 1;
  }
  const [recipient] = await loadContexts({ customerIds: [await resolveCustomerId(values.customer)], settings });
  try {
    const email = await renderEmail(compiled, recipient!.context);
    if (values.subject !== undefined) console.error(`Subject: ${email.subject}`);
    if (values.preheader !== undefined) console.error(`Preheader: ${email.preheader}`);
    console.log(values.text ? email.text : email.html);
    return 0;
  } catch (e) {
    if (!(e instanceof RenderFailure)) throw e;
    console.error(`${name}:${e.line}: ${e.message.replace(/^\w+, line \d+: /, "")}`);
    return 1;
  }
}

function where(file: string, d: TemplateDiagnostic): string {
  const at = `${d.line}${d.column ? `:${d.column}` : ""}`;
  return d.field === "body" ? `${file}:${at}` : `--${d.field}:${at}`;
}
