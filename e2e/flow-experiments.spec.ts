import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { systemActor } from "../lib/audit/write-audit-log";
import { db } from "../lib/db";
import { sweepStepExperiments } from "../lib/flows/experiments/sweep-step-experiments";
import { advanceFlowRuns } from "../lib/flows/advance-flow-runs";
import { processFlowSignals } from "../lib/flows/process-flow-signals";
import { saveFlow } from "../lib/flows/save-flow";
import { createTemplate } from "../lib/templates/create-template";
import { expect, test } from "./fixtures";

const shots = path.join("test-results", "flow-experiments");
mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

const tag = Date.now();
const event = `Joined newsletter ${tag}`;
let flowId: string;

test.beforeAll(async () => {
  const template = await createTemplate({
    name: `Welcome ${tag}`,
    fromGallery: "newsletter",
    createdById: null,
    actor: systemActor("system"),
  });
  flowId = (
    await saveFlow({
      input: {
        name: `Welcome test ${tag}`,
        description: "",
        trigger: { kind: "event", event, where: [] },
        steps: [{ id: "mail", kind: "send_email", templateId: template.id, subject: "Welcome to the shop", category: "marketing" }],
        reentry: { kind: "once" },
        exitOn: [],
      },
      actor: systemActor("system"),
    })
  ).id;
});

test.afterAll(async () => {
  await db.$disconnect();
});

test("a marketer sets up an A/B test with a holdout on a flow's send step; the step shows each variant's figures and the winner", async ({
  page,
  login,
}) => {
  test.setTimeout(180_000);
  await login("marketer");
  await page.goto(`/flows/${flowId}`);
  await page.getByRole("button", { name: "Edit steps" }).click();
  const editor = page.getByRole("region", { name: "Flow editor" });
  await editor.getByRole("button", { name: "Add an experiment (mail)" }).click();
  const experiment = editor.getByRole("group", { name: "Experiment (mail)" });
  await expect(experiment.getByLabel("Variant A (mail)")).toHaveAttribute("placeholder", "The step's own: Welcome to the shop");
  await experiment.getByLabel("Variant B (mail)").fill("Your 10 % welcome code is inside");
  await experiment.getByLabel("Holdout percent (mail)").fill("20");
  await experiment.getByLabel("Sample per variant (mail)").fill("20");
  await experiment.getByLabel("Wait minutes (mail)").fill("30");
  await expect(experiment.getByTestId("experiment-effect-mail")).toContainText("20 % get nothing and go on with the flow");
  await expect(experiment.getByTestId("experiment-effect-mail")).toContainText("people already past the step keep what they got");
  await shot(page, "1-editor");
  await editor.getByRole("button", { name: "Save steps" }).click();
  await expect(page.locator('[data-step="mail"]')).toContainText("A/B test on subject");
  const panel = page.getByRole("region", { name: "Experiment of step mail" });
  await expect(panel).toContainText("Waiting for the first people");

  await page.getByRole("button", { name: "Switch on" }).click();
  await page.getByRole("button", { name: "Yes, switch on" }).click();
  await expect(page.getByText("live", { exact: true })).toBeVisible();

  // 100 people join; the engine (run here with its clock) assigns them at the step.
  const base = await db.customer.count();
  await db.customer.createMany({
    data: Array.from({ length: 100 }, (_, i) => ({ email: `ab-${tag}-${i}@example.com`, firstName: `Ab${base + i}` })),
  });
  const people = (await db.customer.findMany({ where: { email: { startsWith: `ab-${tag}-` } }, select: { id: true } })).map((c) => c.id);
  const now = new Date();
  await db.$executeRaw`
    INSERT INTO events (customer_id, type, occurred_at, properties, source)
    SELECT unnest(${people}::int[]), ${event}, ${now}, '{}'::jsonb, 'tracking:test'`;
  await processFlowSignals({ now });
  await advanceFlowRuns({ now });
  // Their emails as delivered, and opens: B's readers open far more often than A's.
  await db.$executeRaw`UPDATE flow_messages SET status = 'sent', sent_at = now() WHERE flow_id = ${flowId} AND status = 'queued'`;
  const sent = await db.flowMessage.findMany({
    where: { flowId, status: "sent" },
    select: { customerId: true, variant: true },
    orderBy: { id: "asc" },
  });
  const openers = [...sent.filter((m) => m.variant === "B").slice(0, 18), ...sent.filter((m) => m.variant === "A").slice(0, 3)].map(
    (m) => m.customerId,
  );
  await db.$executeRaw`
    INSERT INTO email_interactions (flow_id, flow_step_id, customer_id, kind, occurred_at)
    SELECT ${flowId}, 'mail', unnest(${openers}::int[]), 'click', now() + interval '1 second'`;
  await sweepStepExperiments({ now: new Date(now.getTime() + 60_000), flowId });
  await page.reload();
  await expect(panel).toContainText("Sample sent: waiting for its clicks before deciding");
  await expect(panel.locator('[data-variant="holdout"]')).toContainText("held out");
  await sweepStepExperiments({ now: new Date(now.getTime() + 40 * 60_000), flowId });
  await page.reload();
  await expect(panel).toContainText("Winner: variant B");
  await expect(panel.locator('[data-variant="B"]')).toContainText("winner");
  await expect(panel.locator('[data-variant="B"]')).toContainText("Your 10 % welcome code is inside");
  const held = await db.flowMessage.count({ where: { flowId, variant: "holdout", status: "skipped" } });
  await expect(panel.locator('[data-variant="holdout"]')).toContainText(`${held} held out`);
  await shot(page, "2-report");

  // The winner is applied to the step after a confirmation that says what it does.
  await panel.getByRole("button", { name: "Apply winner to step" }).click();
  const confirm = panel.getByRole("alertdialog", { name: "Confirm the edit" });
  await expect(confirm).toContainText(
    "Everyone reaching this step from now on gets variant B (Your 10 % welcome code is inside); the experiment ends",
  );
  await shot(page, "3-apply-confirm");
  await confirm.getByRole("button", { name: "Yes, apply B" }).click();
  await expect(panel).toContainText("Ended: variant B applied to the step");
  await expect(page.locator('[data-step="mail"]')).toContainText("“Your 10 % welcome code is inside”");
  await expect(page.locator('[data-step="mail"]')).not.toContainText("A/B test");
  await expect(panel.getByRole("button", { name: "Apply winner to step" })).toHaveCount(0);
  await shot(page, "4-applied");
  const audit = await db.auditLog.findFirstOrThrow({ where: { action: "flow.experiment_winner_applied", targetId: flowId } });
  expect(audit.after).toMatchObject({ stepId: "mail", variant: "B", decided: true });

  // Later entrants get B as the step's own email: no variant, nobody held out.
  await db.customer.createMany({ data: Array.from({ length: 10 }, (_, i) => ({ email: `late-${tag}-${i}@example.com` })) });
  const late = (await db.customer.findMany({ where: { email: { startsWith: `late-${tag}-` } }, select: { id: true } })).map((c) => c.id);
  const then = new Date();
  await db.$executeRaw`
    INSERT INTO events (customer_id, type, occurred_at, properties, source)
    SELECT unnest(${late}::int[]), ${event}, ${then}, '{}'::jsonb, 'tracking:test'`;
  await processFlowSignals({ now: then });
  await advanceFlowRuns({ now: then });
  const lateMessages = await db.flowMessage.findMany({ where: { flowId, customerId: { in: late } } });
  expect(lateMessages.length).toBe(10);
  expect(lateMessages.every((m) => m.variant === null && m.experimentId === null && m.status === "queued")).toBe(true);
});

test("a viewer sees a flow step's experiment but cannot apply a variant", async ({ page, login }) => {
  await login("viewer");
  await page.goto(`/flows/${flowId}`);
  const panel = page.getByRole("region", { name: "Experiment of step mail" });
  await expect(panel).toContainText("Ended: variant B applied to the step");
  await expect(panel.getByTestId("step-variant-table")).toBeVisible();
  await expect(page.getByRole("button", { name: /Apply/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Edit steps" })).toHaveCount(0);
});
