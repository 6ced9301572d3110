import { beforeEach, describe, expect, it } from "vitest";
import { seedCustomers, seedSegment, seedSettings, testActor } from "../campaigns/campaign-fixtures";
import { createCampaign } from "../campaigns/create-campaign";
import { reviewCampaign } from "../campaigns/review-campaign";
import { scheduleCampaign } from "../campaigns/schedule-campaign";
import { db } from "../db";
import { createTemplate } from "./create-template";
import { findCurrentVersion } from "./find-current-version";
import { getTemplate, getTemplateVersion } from "./get-template";
import { listTemplates } from "./list-templates";
import { makeVersionCurrent } from "./make-version-current";
import { previewTemplate } from "./preview-template";
import { saveTemplateVersion } from "./save-template-version";

const footer = '<mj-text>{{ organisation.postal_address }} · <a href="{{ unsubscribe_url }}">Unsubscribe</a></mj-text>';
const body = (text: string, end = footer) =>
  `<mjml><mj-body><mj-section><mj-column><mj-text>${text}</mj-text>${end}</mj-column></mj-section></mj-body></mjml>`;
const save = (templateId: string, mjml: string, asDraft = false) =>
  saveTemplateVersion({
    templateId,
    subject: "Hi {{ customer.first_name }}",
    preheader: "",
    mjml,
    createdById: null,
    asDraft,
    actor: testActor,
  });

beforeEach(async () => {
  await db.$executeRawUnsafe("TRUNCATE customers, segments, campaigns, email_templates, audit_log, settings RESTART IDENTITY CASCADE");
  await seedSettings();
});

describe("the current version of a template", () => {
  it("is the newest version without errors; one with errors is saved as a draft and never becomes current", async () => {
    const { id, versionId } = await createTemplate({ name: "News", fromGallery: "newsletter", createdById: null, actor: testActor });
    expect((await getTemplate(id)).current).toEqual({ id: versionId, number: 1 });

    const good = await save(id, body("Spring"));
    expect(good).toMatchObject({ number: 2, draft: false, blockers: [], current: { id: good.id, number: 2 } });

    // MJML error, Liquid error, then a missing footer: each a draft; version 2 stays current.
    const mjmlError = await save(id, "<mjml><mj-body><mj-section></mj-body></mjml>");
    const liquidError = await save(id, body("{% if customer.first_name %}Hi"));
    const noFooter = await save(id, body("No footer", ""));
    for (const v of [mjmlError, liquidError, noFooter]) {
      expect(v.draft).toBe(true);
      expect(v.current).toEqual({ id: good.id, number: 2 });
      expect(v.blockers.length).toBeGreaterThan(0);
    }
    expect(mjmlError.blockers[0]).toMatchObject({ severity: "error", source: "mjml" });
    expect(liquidError.blockers[0]).toMatchObject({ severity: "error", source: "liquid" });
    expect(noFooter.blockers.map((b) => b.message).join(" ")).toMatch(/no unsubscribe link/);
    expect(await findCurrentVersion(id)).toEqual({ id: good.id, number: 2 });
    const template = await getTemplate(id);
    expect(template.latest).toMatchObject({ number: 5, draft: true });
    expect(template.current).toEqual({ id: good.id, number: 2 });
    expect((await listTemplates()).map((t) => [t.current, t.latest?.number, t.latest?.draft])).toEqual([[2, 5, true]]);

    // Making a draft with errors current is refused, saying what to fix.
    await expect(makeVersionCurrent({ versionId: liquidError.id, createdById: null, actor: testActor })).rejects.toThrow(
      /Version 4 cannot become the current version: body, line 1: .*campaigns and flows keep using version 2/,
    );
    expect((await getTemplateVersion(liquidError.id)).draft).toBe(true);

    // Saved as a draft on purpose: not current, no blockers; made current, it is.
    const onPurpose = await save(id, body("Summer"), true);
    expect(onPurpose).toMatchObject({ number: 6, draft: true, blockers: [], current: { number: 2 } });
    expect(await makeVersionCurrent({ versionId: onPurpose.id, createdById: null, actor: testActor })).toEqual({
      id: onPurpose.id,
      number: 6,
    });
    expect(await findCurrentVersion(id)).toEqual({ id: onPurpose.id, number: 6 });
    const audit = await db.auditLog.findMany({ where: { targetId: id, action: "template.made_current" }, select: { after: true } });
    expect(audit).toEqual([{ after: { version: 6, versionId: onPurpose.id } }]);
  });

  it("with an empty postal address setting: a warning in the preview, a draft on save, refused as current until it is set", async () => {
    await db.setting.update({ where: { id: 1 }, data: { postalAddress: "" } });
    const { id } = await createTemplate({ name: "Welcome", fromGallery: "welcome", createdById: null, actor: testActor });
    const [customer] = await seedCustomers(1);
    const first = (await getTemplate(id)).latest;

    // The preview keeps rendering, with a warning that says where to set the address.
    const preview = await previewTemplate(first, customer!);
    expect(preview.html).toContain("<html");
    const warning = preview.diagnostics.find((d) => d.source === "footer");
    expect(warning).toMatchObject({ severity: "warning" });
    expect(warning!.message).toMatch(/Settings → Postal address/);

    // Saved as a draft: nothing is current, and making it current says where to set the address.
    expect(first.draft).toBe(true);
    expect((await getTemplate(id)).current).toBeNull();
    await expect(makeVersionCurrent({ versionId: first.id, createdById: null, actor: testActor })).rejects.toThrow(
      /Version 1 cannot become the current version: .*Settings → Postal address/,
    );

    // A campaign cannot be scheduled, and says why.
    const seg = await seedSegment("All", [customer!]);
    const campaign = await createCampaign({ input: { name: "Hello", includeSegmentIds: [seg], templateId: id }, actor: testActor });
    expect((await reviewCampaign({ id: campaign.id })).problem).toMatch(/postal address/);
    await expect(scheduleCampaign({ id: campaign.id, actor: testActor })).rejects.toThrow(/postal address/);

    // Once the address is set, the draft can be made current, and the campaign pins it.
    await db.setting.update({ where: { id: 1 }, data: { postalAddress: "1 Market Street, Leeds LS1 1AA" } });
    expect(await makeVersionCurrent({ versionId: first.id, createdById: null, actor: testActor })).toEqual({ id: first.id, number: 1 });
    await scheduleCampaign({ id: campaign.id, actor: testActor });
    expect((await db.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).templateVersionId).toBe(first.id);
  });

  it("campaigns pin the current version, not a newer draft, and keep the version they pinned", async () => {
    const { id, versionId } = await createTemplate({ name: "News", fromGallery: "newsletter", createdById: null, actor: testActor });
    await save(id, body("{% if x %}broken"));
    const seg = await seedSegment("All", await seedCustomers(1));
    const campaign = await createCampaign({ input: { name: "Spring", includeSegmentIds: [seg], templateId: id }, actor: testActor });
    expect((await reviewCampaign({ id: campaign.id })).templateVersion).toEqual({ id: versionId, number: 1 });
    await scheduleCampaign({ id: campaign.id, actor: testActor });
    expect((await db.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).templateVersionId).toBe(versionId);
    // A newer current version does not move a scheduled campaign.
    await save(id, body("Later"));
    expect((await db.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).templateVersionId).toBe(versionId);
  });
});
