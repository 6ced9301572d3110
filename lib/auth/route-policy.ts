import type { Role } from "./roles";

/**
 * The access table of the product (who may do what), and the one place every page, route
 * handler and server action is listed against it. lib/auth/route-policy.test.ts enumerates the
 * app's route modules and server-action exports and fails for any not listed here, or whose
 * guard in the code (requireRole / withRole / defineAction / a public wrapper) disagrees.
 * Adding a page, route or action = adding one line here.
 */

export type Visitor = "anonymous" | Role;
export const visitors: readonly Visitor[] = ["anonymous", "viewer", "marketer", "admin"];

export type Capability =
  /** Sign-in page, NextAuth's own routes, unsubscribe and preference pages. */
  | "public"
  /** First-admin setup: anonymous, and only while no user exists (the use case checks). */
  | "first_admin_setup"
  /** Change one's own password, sign out. */
  | "own_account"
  /** Dashboards, customers, segments, templates, clusters (read); viewers see emails and phones masked. */
  | "read"
  /** Imports (incl. the consent they carry), segments, templates, clustering, test sends. */
  | "write"
  /** Reading customers' personal data in bulk (segment CSV exports): only roles that see it unmasked. */
  | "personal_data"
  /** Settings, users, API keys, manual consent changes, data subject requests, audit log. */
  | "admin"
  /** Tracking API (write key) and read API (secret key): no session; the key decides. */
  | "api_key";

/** The role table: which visitors a capability lets in (api_key: the key, not the session, decides). */
export const capabilityAccess: Record<Capability, readonly Visitor[]> = {
  public: ["anonymous", "viewer", "marketer", "admin"],
  first_admin_setup: ["anonymous"],
  own_account: ["viewer", "marketer", "admin"],
  read: ["viewer", "marketer", "admin"],
  write: ["marketer", "admin"],
  personal_data: ["marketer", "admin"],
  admin: ["admin"],
  api_key: ["anonymous", "viewer", "marketer", "admin"],
};

/** The lowest role a session-guarded capability needs (what requireRole/withRole/defineAction must be given). */
export const capabilityMinRole: Partial<Record<Capability, Role>> = {
  own_account: "viewer",
  read: "viewer",
  write: "marketer",
  personal_data: "marketer",
  admin: "admin",
};

/** Customer emails and phones are shown unmasked only to these roles. */
export const personalDataRoles: readonly Role[] = ["marketer", "admin"];

/**
 * Every route module (path under app/) and every server action (`file#export`), with its capability.
 * Layouts are guarded too (app/(app)/layout.tsx needs a session) but are not routes.
 */
export const routePolicy: Record<string, Capability> = {
  // Public and first run
  "app/(auth)/login/page.tsx": "public",
  "app/api/auth/[...nextauth]/route.ts#GET": "public",
  "app/api/auth/[...nextauth]/route.ts#POST": "public",
  "app/preferences/[token]/page.tsx": "public",
  "app/preferences/[token]/actions.ts#savePreferences": "public",
  "app/api/unsubscribe/[token]/route.ts#GET": "public",
  "app/api/unsubscribe/[token]/route.ts#POST": "public",
  // Campaign emails' open pixel and tracked links: signed per-recipient tokens, no session.
  "app/api/email/open/[token]/route.ts#GET": "public",
  "app/api/email/click/[token]/route.ts#GET": "public",
  // Bounce and complaint notifications: the provider's own authentication (signature, basic auth, secret), no session.
  "app/api/webhooks/[provider]/route.ts#POST": "public",
  "app/(auth)/setup/page.tsx": "first_admin_setup",
  "app/(auth)/setup/actions.ts#setupFirstAdmin": "first_admin_setup",

  // Own account
  "app/(app)/account/page.tsx": "own_account",
  "app/(app)/account/actions.ts#changeOwnPassword": "own_account",

  // Read
  "app/(app)/page.tsx": "read",
  "app/(app)/customers/page.tsx": "read",
  "app/(app)/customers/[id]/page.tsx": "read",
  "app/(app)/imports/page.tsx": "read",
  "app/(app)/imports/[id]/page.tsx": "read",
  "app/api/v1/imports/route.ts#GET": "read",
  "app/api/v1/imports/[id]/route.ts#GET": "read",
  "app/api/v1/imports/[id]/rejections/route.ts#GET": "read",
  "app/api/v1/import-mappings/route.ts#GET": "read",
  "app/(app)/segments/page.tsx": "read",
  "app/(app)/segments/[id]/page.tsx": "read",
  "app/(app)/segments/rfm/page.tsx": "read",
  "app/api/v1/rfm/route.ts#GET": "read",
  "app/api/v1/rfm/rescore/route.ts#GET": "read",
  "app/api/v1/segments/route.ts#GET": "read",
  "app/api/v1/segments/[id]/route.ts#GET": "read",
  "app/api/v1/segments/[id]/members/route.ts#GET": "read",
  "app/api/v1/segments/explain/route.ts#POST": "read",
  "app/api/v1/segments/preview/route.ts#POST": "read",
  "app/api/v1/segments/suggestions/route.ts#GET": "read",
  "app/(app)/templates/page.tsx": "read",
  "app/(app)/templates/[id]/page.tsx": "read",
  "app/(app)/templates/[id]/versions/page.tsx": "read",
  "app/api/v1/templates/validate/route.ts#POST": "read",
  "app/api/v1/templates/[id]/versions/route.ts#GET": "read",
  "app/(app)/campaigns/page.tsx": "read",
  "app/(app)/flows/page.tsx": "read",
  "app/(app)/flows/[id]/page.tsx": "read",
  "app/api/v1/flows/[id]/counts/route.ts#GET": "read",
  "app/api/v1/flows/[id]/steps/[stepId]/experiment/route.ts#GET": "read",
  "app/(app)/campaigns/[id]/page.tsx": "read",
  "app/api/v1/campaigns/[id]/progress/route.ts#GET": "read",
  "app/(app)/clusters/page.tsx": "read",
  "app/(app)/clusters/[id]/page.tsx": "read",
  "app/(app)/clusters/compare/page.tsx": "read",
  "app/api/v1/clusters/runs/route.ts#GET": "read",
  "app/api/v1/clusters/runs/[id]/route.ts#GET": "read",
  "app/api/v1/clusters/compare/route.ts#GET": "read",
  "app/(app)/models/page.tsx": "read",
  "app/api/v1/models/route.ts#GET": "read",
  "app/api/v1/models/validation/route.ts#GET": "read",

  // Personal data in bulk
  "app/api/v1/segments/[id]/export/route.ts#GET": "personal_data",
  "app/api/v1/imports/[id]/rejections/download/route.ts#GET": "personal_data",
  // Templates rendered for a named customer, and the test sends they produce
  "app/api/v1/templates/preview/route.ts#POST": "personal_data",
  "app/api/v1/templates/preview-customers/route.ts#GET": "personal_data",
  "app/(app)/outbox/page.tsx": "personal_data",
  // A campaign's report per recipient (addresses)
  "app/api/v1/campaigns/[id]/report/route.ts#GET": "personal_data",

  // Write
  "app/(app)/imports/consent/page.tsx": "write",
  "app/(app)/imports/new/page.tsx": "write",
  "app/api/v1/uploads/route.ts#POST": "write",
  "app/api/v1/imports/route.ts#POST": "write",
  "app/api/v1/imports/[id]/cancel/route.ts#POST": "write",
  "app/api/v1/import-mappings/route.ts#POST": "write",
  "app/(app)/segments/new/page.tsx": "write",
  "app/api/v1/segments/route.ts#POST": "write",
  "app/api/v1/segments/[id]/route.ts#PUT": "write",
  "app/api/v1/segments/[id]/route.ts#DELETE": "write",
  "app/api/v1/segments/[id]/duplicate/route.ts#POST": "write",
  "app/api/v1/segments/[id]/rebuild/route.ts#POST": "write",
  "app/api/v1/rfm/rescore/route.ts#POST": "write",
  "app/(app)/templates/new/page.tsx": "write",
  "app/(app)/templates/new/actions.ts#createTemplateAction": "write",
  "app/(app)/templates/[id]/versions/actions.ts#restoreVersionAction": "write",
  "app/(app)/templates/[id]/versions/actions.ts#makeVersionCurrentAction": "write",
  "app/api/v1/templates/[id]/versions/route.ts#POST": "write",
  "app/api/v1/templates/test-send/route.ts#POST": "write",
  "app/(app)/campaigns/new/page.tsx": "write",
  "app/(app)/campaigns/[id]/edit/page.tsx": "write",
  "app/(app)/campaigns/actions.ts#saveCampaignAction": "write",
  "app/(app)/flows/actions.ts#createStarterFlowAction": "write",
  "app/(app)/flows/actions.ts#setFlowStatusAction": "write",
  "app/(app)/flows/actions.ts#saveFlowStepsAction": "write",
  "app/(app)/flows/actions.ts#createFlowAction": "write",
  "app/(app)/flows/actions.ts#saveFlowSettingsAction": "write",
  "app/(app)/flows/actions.ts#previewFlowSettingsAction": "write",
  "app/(app)/flows/actions.ts#previewFlowStepsAction": "write",
  "app/(app)/flows/actions.ts#applyStepWinnerAction": "write",
  "app/(app)/campaigns/actions.ts#sendCampaignAction": "write",
  "app/(app)/campaigns/actions.ts#pauseCampaignAction": "write",
  "app/(app)/campaigns/actions.ts#resumeCampaignAction": "write",
  "app/(app)/campaigns/actions.ts#cancelCampaignAction": "write",
  "app/(app)/clusters/new/page.tsx": "write",
  "app/api/v1/clusters/runs/route.ts#POST": "write",
  "app/api/v1/clusters/runs/[id]/cancel/route.ts#POST": "write",
  "app/api/v1/clusters/runs/[id]/names/route.ts#POST": "write",
  "app/api/v1/clusters/runs/[id]/segments/route.ts#POST": "write",
  "app/api/v1/clusters/k-distances/route.ts#POST": "write",
  "app/api/v1/models/runs/route.ts#POST": "write",
  "app/api/v1/models/runs/[id]/cancel/route.ts#POST": "write",
  "app/api/v1/models/propensity/route.ts#DELETE": "write",

  // Admin
  "app/(app)/settings/page.tsx": "admin",
  "app/(app)/settings/actions.ts#saveSettings": "admin",
  "app/(app)/settings/actions.ts#saveTrackingSettingsAction": "admin",
  "app/(app)/settings/actions.ts#saveTestSendAddressesAction": "admin",
  "app/(app)/settings/actions.ts#saveFlowLinkDomainsAction": "admin",
  "app/(app)/privacy/page.tsx": "admin",
  "app/(app)/privacy/actions.ts#setPurposeDefaultAction": "admin",
  "app/(app)/privacy/actions.ts#previewPurposeDefaultAction": "admin",
  "app/(app)/privacy/actions.ts#createPurposeAction": "admin",
  "app/(app)/privacy/actions.ts#recordConsentAction": "admin",
  "app/(app)/privacy/customers/[id]/page.tsx": "admin",
  "app/(app)/privacy/customers/[id]/actions.ts#eraseCustomerAction": "admin",
  "app/(app)/privacy/suppressions/page.tsx": "admin",
  "app/(app)/privacy/suppressions/actions.ts#addSuppressionAction": "admin",
  "app/api/v1/privacy/customers/[id]/export/route.ts#GET": "admin",
  "app/api/v1/suppressions/export/route.ts#GET": "admin",
  "app/(app)/users/page.tsx": "admin",
  "app/(app)/users/actions.ts#inviteUserAction": "admin",
  "app/(app)/users/actions.ts#setUserRoleAction": "admin",
  "app/(app)/users/actions.ts#setUserActiveAction": "admin",
  "app/(app)/audit/page.tsx": "admin",
  "app/(app)/api-keys/page.tsx": "admin",
  "app/(app)/api-keys/actions.ts#createApiKeyAction": "admin",
  "app/(app)/api-keys/actions.ts#revokeApiKeyAction": "admin",
  "app/(app)/api-keys/actions.ts#saveIdentityRules": "admin",
  "app/(app)/customers/[id]/actions.ts#undoMergeFromProfile": "admin",

  // Tracking API (Segment's calls; the profile read needs a secret key)
  ...Object.fromEntries(
    ["identify", "track", "page", "screen", "group", "alias", "batch"].flatMap((call) => [
      [`app/api/v1/${call}/route.ts#POST`, "api_key"],
      [`app/api/v1/${call}/route.ts#OPTIONS`, "api_key"],
    ]),
  ),
  "app/api/v1/profile/route.ts#GET": "api_key",
  "app/api/v1/profile/route.ts#OPTIONS": "api_key",
};

/** Whether a visitor may use a capability (the table above, as a function). */
export function mayAccess(capability: Capability, visitor: Visitor): boolean {
  return capabilityAccess[capability].includes(visitor);
}
