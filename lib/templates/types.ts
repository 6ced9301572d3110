/** Types shared by the template modules and their callers (client-safe: no imports). */

export type TemplateField = "subject" | "preheader" | "body";

export interface TemplateDiagnostic {
  severity: "error" | "warning";
  source: "mjml" | "liquid" | "placement" | "footer" | "variable";
  field: TemplateField;
  /** 1-based line in the field's text (subject and preheader are one line). */
  line: number;
  column?: number;
  message: string;
}

export interface TemplateDraft {
  subject: string;
  preheader: string;
  mjml: string;
}

export type CompileMode = "compile-once" | "per-recipient";

export interface RenderedEmail {
  subject: string;
  preheader: string;
  html: string;
  text: string;
}

export interface BranchTrace {
  field: TemplateField;
  line: number;
  condition: string;
  taken: boolean;
}

export interface ContextVariable {
  path: string;
  type: string;
  value: unknown;
}

/** A draft rendered for one customer (previewTemplate; POST /api/v1/templates/preview answers it as JSON). */
export interface TemplatePreview {
  subject: string;
  preheader: string;
  html: string;
  text: string;
  diagnostics: TemplateDiagnostic[];
  variables: ContextVariable[];
  branches: BranchTrace[];
  compileMode: CompileMode;
}
