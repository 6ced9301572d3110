import type { TemplateDraft } from "./types";

/** What a new template without a gallery starter begins with: a greeting and the required footer. */
export const blankTemplate: TemplateDraft = {
  subject: "Hello {{ customer.first_name | default: 'there' }}",
  preheader: "",
  mjml: `<mjml>
  <mj-body background-color="#f4f4f5">
    <mj-section background-color="#ffffff" padding="32px 24px">
      <mj-column>
        <mj-text font-size="16px" line-height="1.5">Hello {{ customer.first_name | default: "there" }},</mj-text>
        <mj-text font-size="16px" line-height="1.5">Write your message here.</mj-text>
      </mj-column>
    </mj-section>
    <mj-section padding="16px 24px">
      <mj-column>
        <mj-text font-size="12px" color="#71717a" align="center">{{ organisation.name }} · {{ organisation.postal_address }}<br /><a href="{{ unsubscribe_url }}" style="color:#71717a">Unsubscribe or change what you receive</a></mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>
`,
};
