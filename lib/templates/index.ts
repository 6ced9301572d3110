/**
 * The template domain's public API (the editor's server actions and route handlers call these).
 * Server-only: it reads the database. Client code imports ./schemas and ./types instead.
 */
export type { TemplateDiagnostic, TemplateDraft, TemplateField, CompileMode, RenderedEmail, BranchTrace, ContextVariable } from "./types";
export { validateTemplate } from "./validate-template";
export { previewTemplate, type TemplatePreview } from "./preview-template";
export { listTemplates, type TemplateListRow } from "./list-templates";
export { createTemplate } from "./create-template";
export { getTemplate, getTemplateVersion, listTemplateVersions, type TemplateWithLatest, type TemplateVersion } from "./get-template";
export { saveTemplateVersion, type SavedVersion } from "./save-template-version";
export { compareTemplateVersions, type VersionComparison, type DiffLine } from "./compare-template-versions";
export { restoreTemplateVersion } from "./restore-template-version";
export { listGallery } from "./gallery";
export { listSegmentSample, type SampleCustomer } from "./list-segment-sample";
export { resolveCustomerId } from "./resolve-customer";
export { contextFields, type ContextField } from "./context-schema";
export { sendTestEmail, type TestSendResult } from "../sending/send-test-email";
export { listCaughtEmails, getCaughtEmail } from "../sending/caught-emails";
